import { Button, Empty, Input, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { PlaceholderInfo } from '../../../api/core';
import { t } from '../../../i18n/zh-CN';

const KIND_COLORS: Record<PlaceholderInfo['kind'], string> = { text: 'default', flag: 'gold', list: 'blue' };

/** How a placeholder is written in a template: a value `{名称}`, a flag or list as a section `{#名称}…{/名称}`. */
export function placeholderSyntax(p: PlaceholderInfo): string {
  return p.kind === 'text' ? `{${p.name}}` : `{#${p.name}}…{/${p.name}}`;
}

function matches(p: PlaceholderInfo, q: string): boolean {
  return p.name.includes(q) || p.description.includes(q) || (p.fields ?? []).some((f) => matches(f, q));
}

interface Props {
  placeholders: readonly PlaceholderInfo[];
  /** the field the next insertion goes to (where the cursor was last) */
  targetLabel: string;
  disabled?: boolean;
  onPick(p: PlaceholderInfo): void;
}

/**
 * The type's placeholders (the core's list for it: a paper for a department has no identity among them), each
 * with its description; a click inserts it at the cursor. A list's fields are offered under it.
 */
export function PlaceholderPicker({ placeholders, targetLabel, disabled, onPick }: Props) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim();
    return q === '' ? placeholders : placeholders.filter((p) => matches(p, q));
  }, [placeholders, query]);

  function item(p: PlaceholderInfo, nested: boolean) {
    return (
      <Button key={p.name} type="text" block disabled={disabled} data-testid={`placeholder-${p.name}`}
        title={placeholderSyntax(p)} onMouseDown={(e) => e.preventDefault() /* keep the cursor in the text */}
        onClick={() => onPick(p)}
        style={{ height: 'auto', display: 'block', textAlign: 'left', whiteSpace: 'normal', padding: nested ? '2px 6px 2px 22px' : '4px 6px' }}>
        <Typography.Text code>{placeholderSyntax(p)}</Typography.Text>
        {!nested && p.kind !== 'text' && <Tag color={KIND_COLORS[p.kind]} style={{ marginInlineStart: 4 }}>{t.paperTemplates.kinds[p.kind]}</Tag>}
        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{p.description}</div>
      </Button>
    );
  }

  return (
    <div data-testid="placeholder-picker">
      <Input.Search allowClear size="small" placeholder={t.paperTemplates.placeholderSearch} value={query}
        onChange={(e) => setQuery(e.target.value)} style={{ marginBottom: 6 }} aria-label={t.paperTemplates.placeholderSearch} />
      {!disabled && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t.paperTemplates.placeholderHint}{targetLabel}{t.paperTemplates.placeholderHintEnd}
        </Typography.Text>
      )}
      <div style={{ maxHeight: 460, overflowY: 'auto', marginTop: 4 }}>
        {shown.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.paperTemplates.noPlaceholders} />}
        {shown.map((p) => (
          <div key={p.name}>
            {item(p, false)}
            {p.kind === 'list' && (p.fields ?? []).length > 0 && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12, paddingLeft: 22 }}>{t.paperTemplates.listFields}</Typography.Text>
                {(p.fields ?? []).map((f) => item(f, true))}
              </div>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
