import { ReloadOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { t } from '../../i18n/zh-CN';
import { FilterBar } from './components/filter-bar';
import { RegisterTable, totalText } from './components/register-table';
import { useRegisterFilters, useRegisterPage } from './hooks';

/** 登记册: the whole register, filtered and paged by the core; filters live in the URL. */
export default function RegisterPage() {
  const { filters, update, clear } = useRegisterFilters();
  const { page, isLoading, isStale, error, reload } = useRegisterPage(filters);
  return (
    <div>
      <div className="page-toolbar">
        <Space align="baseline">
          <Typography.Title level={4}>{t.menu.register}</Typography.Title>
          {/* a stale page is the same search: its total still holds */}
          {page && (
            <Typography.Text type="secondary" data-testid="register-total" data-exact={page.totalIsExact}>
              {totalText(page)}
            </Typography.Text>
          )}
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void reload()} loading={isLoading} aria-label={t.common.refresh} />
      </div>
      <FilterBar filters={filters} onChange={update} onClear={clear} />
      <div style={{ marginTop: 12 }}>
        <RegisterTable filters={filters} page={page} isLoading={isLoading} isStale={isStale} error={error?.message} onChange={update} />
      </div>
    </div>
  );
}
