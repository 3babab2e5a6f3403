import { ReloadOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { t } from '../../i18n/zh-CN';
import { useEffect, useState } from 'react';
import { RegisterExportButton } from './components/export-dialog';
import { FilterBar, FilterBarStandIn } from './components/filter-bar';
import { RegisterTable, totalText } from './components/register-table';
import { useRegisterFilters, useRegisterPage } from './hooks';

/** 登记册: the whole register, filtered and paged by the core; filters live in the URL. */
export default function RegisterPage() {
  const { filters, update, clear } = useRegisterFilters();
  const { page, isLoading, isStale, error, reload } = useRegisterPage(filters);
  const barMounted = useMountedAfterDraw(page !== null || error !== null);
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
        <Space>
          <RegisterExportButton filters={filters} total={page} />
          <Button icon={<ReloadOutlined />} onClick={() => void reload()} loading={isLoading} aria-label={t.common.refresh} />
        </Space>
      </div>
      {barMounted ? <FilterBar filters={filters} onChange={update} onClear={clear} /> : <FilterBarStandIn filters={filters} />}
      <div style={{ marginTop: 12 }}>
        <RegisterTable filters={filters} page={page} isLoading={isLoading} isStale={isStale} error={error?.message} onChange={update} />
      </div>
    </div>
  );
}

/**
 * True from the first task after `ready` has been drawn (a frame, then a task): the filter bar's eleven
 * antd inputs mount after the register's first rows are on screen instead of inside the click that opens
 * it (a profile of opening the register: ~40 of the click's 69 ms were the bar, five forced layouts among
 * them). A hidden tab draws no frames: a timer mounts it then.
 */
function useMountedAfterDraw(ready: boolean): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    if (!ready || mounted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const mount = () => setMounted(true);
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(mount, 0);
    });
    const fallback = setTimeout(mount, 200);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, [ready, mounted]);
  return mounted;
}
