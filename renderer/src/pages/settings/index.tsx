import { Card, Spin, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { mayCall, type Channel } from '../../api/core';
import { useUser } from '../../app/session';
import { t } from '../../i18n/zh-CN';
import { BackupTrouble } from './components/backups/backup-trouble';
import { BackupsTab } from './components/backups/backups-tab';
import { CalendarTab } from './components/calendar-tab';
import { DeadlinesTab } from './components/deadlines-tab';
import { DirectoryTab } from './components/directory-tab';
import { LookupsTab } from './components/lookups-tab';
import { OfficeTab } from './components/office-tab';
import { PaperSettingsTab } from './components/paper-settings-tab';
import { PaperTemplatesTab } from './components/paper-templates-tab';
import { useOfficeSettings } from './hooks';

/** 设置 (admin; a supervisor reads the paper templates): the tab is kept in the URL so a refresh stays on it. */
export default function SettingsPage() {
  const { settings, save } = useOfficeSettings();
  const { role } = useUser();
  const [params, setParams] = useSearchParams();
  // each tab shows for whoever may call the channel it saves with (or, read-only, lists with)
  const allTabs: { key: string; label: string; needs: Channel; children: ReactNode }[] = [
    { key: 'office', label: t.settings.office, needs: 'settings/update', children: settings ? <OfficeTab settings={settings} save={save} /> : <Spin /> },
    { key: 'deadlines', label: t.settings.deadlines, needs: 'settings/update', children: settings ? <DeadlinesTab settings={settings} save={save} /> : <Spin /> },
    { key: 'directory', label: t.settings.directory, needs: 'settings/update', children: <DirectoryTab /> },
    { key: 'lookups', label: t.settings.lookups, needs: 'settings/update', children: <LookupsTab /> },
    { key: 'calendar', label: t.settings.calendar, needs: 'settings/update', children: <CalendarTab /> },
    { key: 'paperTemplates', label: t.paperTemplates.tab, needs: 'paperTemplates/list', children: <PaperTemplatesTab /> },
    { key: 'paperSettings', label: t.paperSettings.tab, needs: 'paperSettings/save', children: <PaperSettingsTab /> },
    { key: 'backups', label: t.backups.tab, needs: 'backup/status', children: <BackupsTab /> },
  ];
  const tabs = allTabs.filter((item) => mayCall(item.needs, role));
  const tab = tabs.some((item) => item.key === params.get('tab')) ? params.get('tab')! : (tabs[0]?.key ?? 'office');

  return (
    <div>
      <div className="page-toolbar">
        <Typography.Title level={4}>{t.menu.settings}</Typography.Title>
      </div>
      {tab !== 'backups' && mayCall('backup/status', role) && !mayCall('dashboard/get', role) && (
        <BackupTrouble onOpen={() => setParams({ tab: 'backups' }, { replace: true })} />
      )}
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={tabs.map(({ key, label, children }) => ({ key, label, children }))}
        />
      </Card>
    </div>
  );
}
