import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { STATUS_LABELS, type PaperPreviewCase } from '../../../api/core';
import { useLoad } from '../../../api/use-load';
import { t } from '../../../i18n/zh-CN';

const SEARCH_DEBOUNCE_MS = 300;

function label(c: PaperPreviewCase): string {
  return `${c.registerNo} · ${c.caseType} · ${c.receivedAt} · ${STATUS_LABELS[c.status]}`;
}

/**
 * The case the template preview is composed from: the recent cases, or those whose 登记编号 holds what is
 * typed (paperTemplates/cases answers register numbers and dates only: the admin is not a case worker).
 */
export function PreviewCasePicker({ value, onChange }: { value: PaperPreviewCase | null; onChange(c: PaperPreviewCase | null): void }) {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const { data, isLoading } = useLoad('paperTemplates/cases', search === '' ? {} : { search }, { keepPrevious: true });
  const options = (data ?? []).map((c) => ({ value: c.id, label: label(c) }));
  if (value && !options.some((o) => o.value === value.id)) options.unshift({ value: value.id, label: label(value) });

  return (
    <div>
      <div style={{ marginBottom: 4 }}>
        <label htmlFor="paper-template-case">{t.paperTemplates.previewCase}</label>
      </div>
      <Select<number>
        id="paper-template-case" data-testid="preview-case" showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
        allowClear value={value?.id} placeholder={t.paperTemplates.previewCaseHint} loading={isLoading}
        options={options} style={{ width: '100%' }} notFoundContent={isLoading ? t.common.loading : t.paperTemplates.noCases}
        onChange={(id) => onChange(id === undefined ? null : ((data ?? []).find((c) => c.id === id) ?? value))}
        onClear={() => onChange(null)}
      />
    </div>
  );
}
