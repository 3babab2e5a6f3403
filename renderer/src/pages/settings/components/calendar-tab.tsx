import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Flex, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import type { CalendarImportPreview, CalendarYearView } from '../../../api/core';
import { useApi, type CallOptions } from '../../../api/use-api';
import { useLoad } from '../../../api/use-load';
import { t } from '../../../i18n/zh-CN';
import { ImportPreview } from './import-preview';
import { SetDayForm } from './set-day-form';
import { useBusy } from '../../../api/use-busy';

type Day = CalendarYearView['days'][number];

/** A file's bytes as Base64, as calendar/importYear takes them: the core tells UTF-8 from Excel's GBK. */
async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** 工作日历: a year's holidays and make-up working days, edited by day or imported as a file (after a preview). */
export function CalendarTab() {
  const { call, message } = useApi();
  const [year, setYear] = useState(() => dayjs().year());
  const { data: view, setData: setView } = useLoad('calendar/get', { year }, { keepPrevious: true });
  const [pending, setPending] = useState<{ file: string; preview: CalendarImportPreview } | null>(null);
  const [isBusy, whileBusy] = useBusy();
  const fileInput = useRef<HTMLInputElement>(null);

  async function setDay(date: string, kind: 'holiday' | 'workday' | 'default', name: string, options: CallOptions = {}) {
    const r = await call('calendar/setDay', { date: date || (undefined as unknown as string), kind, name }, options);
    if (r.ok) {
      setView(r.value);
      message.success(t.common.saved);
    }
    return r.ok;
  }

  async function previewFile(chosen: File) {
    const answer = await whileBusy(async () => {
      const file = await fileAsBase64(chosen);
      return { file, r: await call('calendar/previewImport', { file }) };
    });
    if (answer.r.ok) setPending({ file: answer.file, preview: answer.r.value });
  }

  async function confirmImport() {
    if (!pending) return;
    const file = pending.file;
    const r = await whileBusy(() => call('calendar/importYear', { file }));
    if (!r.ok) return;
    setPending(null);
    message.success(t.calendar.imported(r.value.year));
    setYear(r.value.year);
    setView(r.value);
  }

  async function exportYear() {
    const r = await call('calendar/exportYear', { year });
    if (r.ok) message.info(r.value.saved ? t.calendar.exported(r.value.name) : t.calendar.exportCanceled);
  }

  return (
    <div>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <span>{t.calendar.year}</span>
        <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d: Dayjs | null) => d && setYear(d.year())}
          aria-label={t.calendar.year} style={{ width: 110 }} />
        {view && (
          <Typography.Text type="secondary">
            {t.calendar.coveredYears}：{view.coveredYears.join('、') || t.common.none}
          </Typography.Text>
        )}
        <Space style={{ marginLeft: 'auto' }}>
          <input ref={fileInput} type="file" accept=".csv,.txt,text/csv,text/plain" hidden data-testid="calendar-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void previewFile(file);
            }} />
          <Button icon={<UploadOutlined />} loading={isBusy && !pending} onClick={() => fileInput.current?.click()}>{t.calendar.import}</Button>
          <Button icon={<DownloadOutlined />} onClick={exportYear} disabled={!view?.covered || view.year !== year}>{t.calendar.export}</Button>
        </Space>
      </Flex>
      {view && (
        <Alert
          type={view.covered ? 'success' : 'warning'} showIcon style={{ marginBottom: 12 }} data-testid="calendar-coverage"
          title={t.calendar.yearTitle(view.year, view.covered ? t.calendar.covered : t.calendar.notCovered)}
          description={view.covered ? (view.source ? `${t.calendar.source}：${t.calendar.sources[view.source] ?? view.source}` : undefined) : t.calendar.importHint}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card size="small" styles={{ body: { padding: 0 } }}>
            <Table<Day>
              size="small" rowKey="date" pagination={false} dataSource={view?.days ?? []} data-testid="calendar-days"
              locale={{ emptyText: t.calendar.emptyDays }} scroll={{ y: 520 }}
              columns={[
                { key: 'date', title: t.calendar.date, dataIndex: 'date', width: 120 },
                { key: 'weekday', title: t.calendar.weekday, width: 70, render: (_, d) => t.calendar.weekdayName(dayjs(d.date).day()) },
                { key: 'kind', title: t.calendar.kind, width: 70,
                  render: (_, d) => (d.kind === 'holiday' ? <Tag color="red">{t.calendar.holiday}</Tag> : <Tag color="blue">{t.calendar.workday}</Tag>) },
                { key: 'name', title: t.calendar.name, dataIndex: 'name' },
                { key: 'reset', width: 90,
                  render: (_, d) => <Typography.Link onClick={() => void setDay(d.date, 'default', '')}>{t.calendar.default}</Typography.Link> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t.calendar.setDay}>
            <SetDayForm year={year} onSubmit={setDay} />
          </Card>
        </Col>
      </Row>
      {pending && (
        <ImportPreview preview={pending.preview} isImporting={isBusy} onConfirm={() => void confirmImport()} onCancel={() => setPending(null)} />
      )}
    </div>
  );
}
