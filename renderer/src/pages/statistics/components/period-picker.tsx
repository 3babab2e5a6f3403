import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, DatePicker, Segmented, Space, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { periodOf, type PeriodSpec } from '../../../api/core';
import { t } from '../../../i18n/zh-CN';
import { defaultSpec, shiftSpec } from '../period';

const s = t.statistics;
type Kind = PeriodSpec['kind'];
const KINDS: Kind[] = ['month', 'quarter', 'year', 'custom'];

/**
 * The period a kind starts on when the user switches to it: the one holding the current period's last day, but
 * never past last month (a year's last day is usually still to come); 自定义 starts as the current period's dates.
 */
function specForKind(kind: Kind, current: { from: string; to: string }): PeriodSpec {
  const limit = periodOf(defaultSpec()).to;
  const d = dayjs(current.to < limit ? current.to : limit);
  if (kind === 'month') return { kind, month: d.format('YYYY-MM') };
  if (kind === 'quarter') return { kind, quarter: `${d.year()}-Q${Math.floor(d.month() / 3) + 1}` };
  if (kind === 'year') return { kind, year: d.year() };
  return { kind, from: current.from, to: current.to };
}

/** 月 / 季度 / 年 / 自定义, the picker of that kind, and 上一期 / 下一期. */
export function PeriodPicker({ spec, onChange }: { spec: PeriodSpec; onChange(spec: PeriodSpec): void }) {
  const pick = (d: Dayjs | null, f: (d: Dayjs) => PeriodSpec) => d && onChange(f(d));
  let picker;
  switch (spec.kind) {
    case 'month':
      picker = (
        <DatePicker picker="month" allowClear={false} value={dayjs(`${spec.month}-01`)} format="YYYY年M月" aria-label={s.month}
          onChange={(d) => pick(d, (x) => ({ kind: 'month', month: x.format('YYYY-MM') }))} data-testid="period-month" />
      );
      break;
    case 'quarter': {
      const [y, q] = [Number(spec.quarter.slice(0, 4)), Number(spec.quarter.slice(6))];
      picker = (
        <DatePicker picker="quarter" allowClear={false} value={dayjs(`${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`)}
          format={(d) => `${d.year()}年第${Math.floor(d.month() / 3) + 1}季度`} aria-label={s.quarter}
          onChange={(d) => pick(d, (x) => ({ kind: 'quarter', quarter: `${x.year()}-Q${Math.floor(x.month() / 3) + 1}` }))} />
      );
      break;
    }
    case 'year':
      picker = (
        <DatePicker picker="year" allowClear={false} value={dayjs(`${spec.year}-01-01`)} format="YYYY年" aria-label={s.year}
          onChange={(d) => pick(d, (x) => ({ kind: 'year', year: x.year() }))} />
      );
      break;
    case 'custom':
      picker = (
        <DatePicker.RangePicker allowClear={false} value={[dayjs(spec.from), dayjs(spec.to)]} aria-label={s.range}
          onChange={(r) => r?.[0] && r[1] && onChange({ kind: 'custom', from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })} />
      );
      break;
  }
  return (
    <Space wrap data-testid="period-picker">
      <Segmented<Kind>
        value={spec.kind} options={KINDS.map((k) => ({ value: k, label: s.kinds[k] }))} aria-label={s.periodKind}
        onChange={(k) => onChange(specForKind(k, periodOf(spec)))}
      />
      <Space.Compact>
        <Tooltip title={s.previousPeriod}>
          <Button icon={<LeftOutlined />} aria-label={s.previousPeriod} onClick={() => onChange(shiftSpec(spec, -1))} data-testid="period-previous" />
        </Tooltip>
        {picker}
        <Tooltip title={s.nextPeriod}>
          <Button icon={<RightOutlined />} aria-label={s.nextPeriod} onClick={() => onChange(shiftSpec(spec, 1))} data-testid="period-next" />
        </Tooltip>
      </Space.Compact>
    </Space>
  );
}
