import { Card, Spin, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { t } from '../../i18n/zh-CN';
import { CalendarTab } from './components/calendar-tab';
import { DeadlinesTab } from './components/deadlines-tab';
import { DirectoryTab } from './components/directory-tab';
import { LookupsTab } from './components/lookups-tab';
import { OfficeTab } from './components/office-tab';
import { useOfficeSettings } from './hooks';

/** 设置 (admin): the tab is kept in the URL so a refresh stays on it. */
export default function SettingsPage() {
  const { settings, save } = useOfficeSettings();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'office';

  return (
    <div>
      <div className="page-toolbar">
        <Typography.Title level={4}>{t.menu.settings}</Typography.Title>
      </div>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'office', label: t.settings.office, children: settings ? <OfficeTab settings={settings} save={save} /> : <Spin /> },
            { key: 'deadlines', label: t.settings.deadlines, children: settings ? <DeadlinesTab settings={settings} save={save} /> : <Spin /> },
            { key: 'directory', label: t.settings.directory, children: <DirectoryTab /> },
            { key: 'lookups', label: t.settings.lookups, children: <LookupsTab /> },
            { key: 'calendar', label: t.settings.calendar, children: <CalendarTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
