import { Alert, Button, Card, Col, Collapse, Descriptions, Flex, Input, Row, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AppErrorData, PaperPreviewCase, PaperTemplateInfo, PaperTemplateText, PlaceholderInfo, TemplateIssue } from '../../../api/core';
import { useApi } from '../../../api/use-api';
import { useLoad } from '../../../api/use-load';
import { growsWithText } from '../../../components/grow-text';
import { PaperPreview } from '../../../components/paper-preview';
import { useSaveShortcut } from '../../../components/use-save-shortcut';
import { t } from '../../../i18n/zh-CN';
import { PreviewCasePicker } from './preview-case-picker';
import { PlaceholderPicker } from './placeholder-picker';
import { TemplateVersions } from './template-versions';
import './paper-template-editor.css';
import { useBusy } from '../../../api/use-busy';

export const TEMPLATE_FIELDS = ['title', 'recipient', 'body', 'contact', 'copyTo'] as const satisfies readonly (keyof PaperTemplateText)[];
type Field = (typeof TEMPLATE_FIELDS)[number];

/** lines each field shows empty / at most before it scrolls */
const ROWS: Record<Field, [number, number]> = { title: [1, 3], recipient: [1, 4], body: [8, 28], contact: [1, 4], copyTo: [1, 4] };
/** the live preview waits this long after the last key */
const PREVIEW_DEBOUNCE_MS = 300;

export const fieldId = (field: Field) => `paper-template-${field}`;

function sameText(a: PaperTemplateText, b: PaperTemplateText): boolean {
  return TEMPLATE_FIELDS.every((f) => a[f] === b[f]);
}

/** The field a core error names: `text.body` (or `body`) → body. */
function errorField(error: AppErrorData): Field | null {
  const last = (error.field ?? '').split('.').pop() ?? '';
  return (TEMPLATE_FIELDS as readonly string[]).includes(last) ? (last as Field) : null;
}

/** What a placeholder inserts around the selected text, and where the cursor goes after. */
export function insertPlaceholder(value: string, start: number, end: number, p: PlaceholderInfo): { value: string; cursor: number } {
  if (p.kind === 'text') {
    const token = `{${p.name}}`;
    return { value: value.slice(0, start) + token + value.slice(end), cursor: start + token.length };
  }
  const open = `{#${p.name}}`;
  const inner = value.slice(start, end);
  const inserted = `${open}${inner}{/${p.name}}`;
  return { value: value.slice(0, start) + inserted + value.slice(end), cursor: start + open.length + inner.length };
}

interface Props {
  info: PaperTemplateInfo;
  readOnly: boolean;
  /** a new version was saved */
  onSaved(info: PaperTemplateInfo): void;
  /** reports whether the text differs from the saved version (the list asks before leaving) */
  onDirty(dirty: boolean): void;
  /** the case the preview is composed from, kept by the tab while the admin moves between types */
  previewCase: PaperPreviewCase | null;
  onPreviewCase(c: PaperPreviewCase | null): void;
}

/**
 * One paper type's template: five fields of template text, a placeholder picker that inserts at the cursor,
 * a live preview composed by the core from a real case (debounced; nothing saved), the template's issues
 * (line and name) under the field they are in, save as a new version, restore the default, versions.
 */
export function PaperTemplateEditor({ info, readOnly, onSaved, onDirty, previewCase, onPreviewCase }: Props) {
  const { call, message, modal } = useApi();
  const [text, setText] = useState<PaperTemplateText>(info.text);
  const [previewText, setPreviewText] = useState<PaperTemplateText>(info.text);
  const caseId = previewCase?.id ?? null;
  const [target, setTarget] = useState<Field>('body');
  const [saveIssues, setSaveIssues] = useState<{ field: Field | null; message: string }[]>([]);
  const [isSaving, whileSaving] = useBusy();
  const [showVersions, setShowVersions] = useState(false);
  const pendingCursor = useRef<{ field: Field; at: number } | null>(null);

  const isDirty = !sameText(text, info.text);
  useEffect(() => onDirty(isDirty), [isDirty, onDirty]);
  // closing or reloading the page with unsaved wording asks first (the browser's own prompt)
  useEffect(() => {
    if (!isDirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [isDirty]);
  useSaveShortcut(() => {
    if (!readOnly && isDirty && !isSaving) void saveText(text, t.paperTemplates.saved);
  });

  useEffect(() => {
    const timer = setTimeout(() => setPreviewText(text), PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const preview = useLoad(
    'paperTemplates/preview',
    caseId === null ? null : { type: info.type, text: previewText, caseId },
    { keepPrevious: true, silent: true },
  );
  const draft = preview.data;
  const isPreviewCurrent = sameText(previewText, text) && !preview.isLoading;

  // the issues of the text as it was last previewed (the core checks it), plus any a refused save named
  const issuesByField = useMemo(() => {
    const by: Record<Field, string[]> = { title: [], recipient: [], body: [], contact: [], copyTo: [] };
    for (const i of (draft?.issues ?? []) as TemplateIssue[]) by[i.field as Field]?.push(i.message);
    // a refused save names the first issue again: shown only where the preview has not already listed it
    for (const i of saveIssues) if (i.field && by[i.field].length === 0) by[i.field].push(i.message);
    return by;
  }, [draft, saveIssues]);
  const issueCount = TEMPLATE_FIELDS.reduce((n, f) => n + issuesByField[f].length, 0);

  useLayoutEffect(() => {
    const pending = pendingCursor.current;
    if (!pending) return;
    pendingCursor.current = null;
    const el = document.getElementById(fieldId(pending.field)) as HTMLTextAreaElement | null;
    el?.focus();
    el?.setSelectionRange(pending.at, pending.at);
  }, [text]);

  function change(field: Field, value: string) {
    setText((prev) => ({ ...prev, [field]: value }));
    if (saveIssues.length > 0) setSaveIssues([]);
  }

  function pick(p: PlaceholderInfo) {
    const el = document.getElementById(fieldId(target)) as HTMLTextAreaElement | null;
    const value = text[target];
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const next = insertPlaceholder(value, start, end, p);
    pendingCursor.current = { field: target, at: next.cursor };
    change(target, next.value);
  }

  async function saveText(next: PaperTemplateText, success: (v: number) => string): Promise<boolean> {
    const r = await whileSaving(() => call('paperTemplates/save', { type: info.type, text: next }));
    if (!r.ok) {
      // the core names the line and the placeholder; the message goes under the field it names
      setSaveIssues([{ field: errorField(r.error), message: r.error.message }]);
      return false;
    }
    setSaveIssues([]);
    setText(r.value.text);
    setPreviewText(r.value.text);
    onSaved(r.value);
    message.success(success(r.value.version));
    return true;
  }

  function restoreDefault() {
    modal.confirm({
      title: t.paperTemplates.restoreDefault,
      content: t.paperTemplates.restoreDefaultConfirm(info.name),
      okText: t.paperTemplates.restoreDefault,
      onOk: () => saveText(info.defaultText, t.paperTemplates.restoredDefault),
    });
  }

  return (
    <div data-testid="paper-template-editor">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {readOnly ? t.paperTemplates.viewing(info.name) : t.paperTemplates.editing(info.name)}
        </Typography.Title>
        <Tag>{t.paperTemplates.layouts[info.layout] ?? info.layout}</Tag>
        <Tag color={info.isDefault ? 'default' : 'blue'} data-testid="template-version">
          {t.paperTemplates.versionNo(info.version)} · {info.isDefault ? t.paperTemplates.isDefault : t.paperTemplates.modified}
        </Tag>
        {isDirty && <Tag color="orange">{t.paperTemplates.unsaved}</Tag>}
        <Space style={{ marginLeft: 'auto' }}>
          <Button onClick={() => setShowVersions(true)}>{t.paperTemplates.versions}</Button>
          {!readOnly && (
            <>
              <Button onClick={restoreDefault} disabled={isSaving}>{t.paperTemplates.restoreDefault}</Button>
              <Button type="primary" loading={isSaving} disabled={!isDirty}
                onClick={() => void saveText(text, t.paperTemplates.saved)}>{t.paperTemplates.save}</Button>
            </>
          )}
        </Space>
      </Flex>
      {readOnly && <Alert type="info" showIcon title={t.paperTemplates.readOnly} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          {saveIssues.length > 0 && saveIssues.some((i) => i.field === null) && (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="save-issues"
              title={t.paperTemplates.saveRefused} description={saveIssues.filter((i) => i.field === null).map((i) => <div key={i.message}>{i.message}</div>)} />
          )}
          {TEMPLATE_FIELDS.map((field) => (
            <div key={field} style={{ marginBottom: 14 }}>
              <label htmlFor={fieldId(field)} style={{ display: 'block', marginBottom: 4 }}>
                {t.paperTemplates.fields[field]}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>{t.paperTemplates.fieldHints[field]}</Typography.Text>
              </label>
              <Input.TextArea
                id={fieldId(field)} value={text[field]} readOnly={readOnly} status={issuesByField[field].length > 0 ? 'error' : undefined}
                onChange={(e) => change(field, e.target.value)} onFocus={() => setTarget(field)}
                style={{ ...growsWithText(ROWS[field][0], ROWS[field][1]), fontFamily: 'inherit' }}
              />
              {issuesByField[field].length > 0 && (
                <div data-testid={`issues-${field}`} role="alert">
                  {issuesByField[field].map((m) => <Typography.Text key={m} type="danger" style={{ display: 'block' }}>{m}</Typography.Text>)}
                </div>
              )}
            </div>
          ))}
          <Collapse size="small" defaultActiveKey={['syntax']} items={[{
            key: 'syntax', label: t.paperTemplates.syntax,
            children: (
              <div data-testid="template-syntax">
                <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t.paperTemplates.syntaxIntro}</Typography.Paragraph>
                <Descriptions size="small" column={1} bordered styles={{ label: { width: 150 } }}
                  items={t.paperTemplates.syntaxHelp.map(([k, effect, example]) => ({
                    key: k,
                    label: k.includes('{') ? <Typography.Text code>{k}</Typography.Text> : k,
                    children: (
                      <>
                        {effect}
                        {example !== '' && <div><Typography.Text code style={{ fontSize: 12 }}>{example}</Typography.Text></div>}
                      </>
                    ),
                  }))} />
              </div>
            ),
          }]} />
        </Col>
        <Col xs={24} xl={11}>
          <Card size="small" title={t.paperTemplates.placeholders} style={{ marginBottom: 12 }}>
            <PlaceholderPicker placeholders={info.placeholders} targetLabel={t.paperTemplates.fields[target]} disabled={readOnly} onPick={pick} />
          </Card>
          <Card size="small" title={t.paperTemplates.preview} data-testid="template-preview"
            extra={preview.isLoading || !isPreviewCurrent ? <Spin size="small" /> : null}>
            <PreviewCasePicker value={previewCase} onChange={onPreviewCase} />
            {caseId === null && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t.paperTemplates.previewNoCase}</Typography.Paragraph>}
            {preview.error && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t.paperTemplates.previewFailed} description={preview.error.message} />}
            {caseId !== null && draft && (
              <div style={{ marginTop: 8, opacity: isPreviewCurrent ? 1 : 0.6 }}>
                {issueCount > 0 && (
                  <Alert type="error" showIcon style={{ marginBottom: 8 }} data-testid="preview-issues"
                    title={t.paperTemplates.issuesTitle(issueCount)} description={t.paperTemplates.issuesPreviewNote} />
                )}
                {draft.allowed && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t.paperTemplates.notAllowed} description={draft.allowed} />}
                {draft.missing.length > 0 && (
                  <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t.paperTemplates.missing} data-testid="preview-missing"
                    description={draft.missing.map((m) => m.name).join('、')} />
                )}
                <div className="template-preview-sheet">
                  <PaperPreview document={draft.document} />
                </div>
              </div>
            )}
          </Card>
        </Col>
      </Row>
      {showVersions && (
        <TemplateVersions info={info} readOnly={readOnly} isSaving={isSaving} onClose={() => setShowVersions(false)}
          onRestore={(v) => saveText(v.text, (n) => t.paperTemplates.restoredVersion(v.version, n))} />
      )}
    </div>
  );
}
