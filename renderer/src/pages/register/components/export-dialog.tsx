import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Modal, Progress, Radio, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  mayCall, NO_FILTERS, registerFilterWords, registerOrderWords, type Directory, type FilterNames, type RegisterExportProgress, type RegisterPage, type Role,
} from '../../../api/core';
import { invoke } from '../../../api/client';
import { clearChangedFieldErrors } from '../../../api/form-errors';
import { useApi } from '../../../api/use-api';
import { useDirectory } from '../../../app/directory';
import { useUser } from '../../../app/session';
import { t } from '../../../i18n/zh-CN';
import { listInput, type RegisterFilters } from '../query';
import { totalText } from './register-table';

const s = t.registerExport;
/** How often a running export is asked for its progress. */
export const POLL_MS = 300;
/** Who is offered 显示身份 (the core refuses anyone else: FORBIDDEN). */
const REVEALING_ROLES: readonly Role[] = ['supervisor', 'auditor'];

type Total = Pick<RegisterPage, 'total' | 'totalIsExact'>;

/**
 * 登记册 → 导出 Excel: the toolbar button and, once clicked, the export dialog. Only for those who may
 * export (registerExport/start); the dialog is mounted only while open, so the register pays nothing for it.
 */
export function RegisterExportButton({ filters, total }: { filters: RegisterFilters; total: Total | null }) {
  const user = useUser();
  const { directory } = useDirectory();
  const [isOpen, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  if (!mayCall('registerExport/start', user.role)) return null;
  return (
    <>
      <Button icon={<FileExcelOutlined />} onClick={() => setOpen(true)} data-testid="register-export">{s.button}</Button>
      {isOpen && <ExportDialog filters={filters} total={total} role={user.role} directory={directory} onClose={close} />}
    </>
  );
}

/** The directory's names by id, for the filters in words. */
export function directoryNames(directory: Pick<Directory, 'departments' | 'staff'>): FilterNames {
  const departments = new Map(directory.departments.map((d) => [d.id, d.name]));
  const staff = new Map(directory.staff.map((m) => [m.id, m.name]));
  return { department: (id) => departments.get(id), staff: (id) => staff.get(id) };
}

type Phase =
  | { kind: 'setup' }
  | { kind: 'starting' }
  | { kind: 'running'; progress: RegisterExportProgress; isCancelling: boolean }
  | { kind: 'delivering'; progress: RegisterExportProgress }
  | { kind: 'done'; progress: RegisterExportProgress; fileName: string; isSaved: boolean }
  | { kind: 'cancelled'; progress: RegisterExportProgress }
  | { kind: 'failed'; message: string };

interface Values {
  unmasked: boolean;
  purpose: string;
}

interface Props {
  filters: RegisterFilters;
  total: Total | null;
  role: Role;
  directory: Pick<Directory, 'departments' | 'staff'>;
  onClose(): void;
}

/**
 * The export dialog: what will be exported (the filters and search in words, the order, the row count),
 * 遮蔽身份 / 显示身份 for supervisors and auditors (显示身份 asks for 导出用途; the core's message lands under
 * the field), then 开始导出 → progress (registerExport/progress every ~300 ms) with 取消, and at 'done' the file
 * through the usual file delivery (registerExport/file: a download in the browser, a save dialog on the
 * desktop). Closing while it runs asks whether to cancel. Enter starts, Esc closes.
 */
export function ExportDialog({ filters, total, role, directory, onClose }: Props) {
  const { call, modal } = useApi();
  const [form] = Form.useForm<Values>();
  const unmasked = Form.useWatch('unmasked', form) ?? false;
  const [phase, setPhaseState] = useState<Phase>({ kind: 'setup' });
  // The phase as of now (answers arrive between renders): set through `setPhase` only.
  const phaseRef = useRef(phase);
  const setPhase = useCallback((next: Phase) => {
    phaseRef.current = next;
    setPhaseState(next);
  }, []);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const isMounted = useRef(true);
  const startRef = useRef<HTMLButtonElement>(null);
  const canReveal = REVEALING_ROLES.includes(role);
  const words = useMemo(() => registerFilterWords(listInput(filters), directoryNames(directory)), [filters, directory]);

  const stopPolling = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);
  useEffect(() => {
    isMounted.current = true;
    return () => {
      isMounted.current = false;
      stopPolling();
      // Gone without being closed (another page by a shortcut, signed out): nobody would fetch the file.
      const current = phaseRef.current;
      if (current.kind === 'running' && !current.isCancelling) abandon(current.progress);
    };
  }, [stopPolling]);

  /** Fetches the finished file through the file delivery and says how many rows it holds. */
  const deliver = useCallback(async (progress: RegisterExportProgress) => {
    setPhase({ kind: 'delivering', progress });
    const r = await call('registerExport/file', { exportId: progress.exportId });
    if (!isMounted.current) return;
    if (!r.ok) return setPhase({ kind: 'failed', message: r.error.message });
    setPhase({ kind: 'done', progress, fileName: r.value.name, isSaved: r.value.saved });
  }, [call, setPhase]);

  /**
   * Shows an answer of start / progress / cancel and, while the export runs, asks again in POLL_MS. An
   * answer that arrives after the export has ended here (a poll overtaken by the cancel's answer) is dropped.
   */
  const follow = useCallback(function follow(progress: RegisterExportProgress) {
    const current = phaseRef.current;
    if (!isMounted.current || (current.kind !== 'starting' && current.kind !== 'running')) return;
    stopPolling();
    switch (progress.state) {
      case 'running':
        setPhase({ kind: 'running', progress, isCancelling: current.kind === 'running' && current.isCancelling });
        timer.current = setTimeout(() => {
          timer.current = null;
          void call('registerExport/progress', { exportId: progress.exportId }).then((r) => {
            if (!isMounted.current || phaseRef.current.kind !== 'running') return;
            if (r.ok) follow(r.value);
            else setPhase({ kind: 'failed', message: r.error.message });
          });
        }, POLL_MS);
        return;
      case 'done':
        void deliver(progress);
        return;
      case 'cancelled':
        setPhase({ kind: 'cancelled', progress });
        return;
      case 'failed':
        setPhase({ kind: 'failed', message: progress.message ?? s.failed });
    }
  }, [call, deliver, setPhase, stopPolling]);

  const start = useCallback(async () => {
    if (phaseRef.current.kind !== 'setup') return;
    const values = form.getFieldsValue(true) as Partial<Values>;
    const { page: _page, pageSize: _pageSize, ...query } = listInput(filters);
    const isUnmasked = canReveal && values.unmasked === true;
    setPhase({ kind: 'starting' });
    const r = await call('registerExport/start', { ...query, unmasked: isUnmasked, purpose: isUnmasked ? (values.purpose ?? '').trim() : '' }, { form });
    if (!isMounted.current) {
      if (r.ok) abandon(r.value);
      return;
    }
    if (!r.ok) return setPhase({ kind: 'setup' });
    follow(r.value);
  }, [call, canReveal, filters, follow, form, setPhase]);

  /** 取消: asks nothing, stops the export and says 已取消 (or shows what the core had finished meanwhile). */
  const cancel = useCallback(async () => {
    const current = phaseRef.current;
    if (current.kind !== 'running' || current.isCancelling) return;
    stopPolling();
    setPhase({ ...current, isCancelling: true });
    const r = await call('registerExport/cancel', { exportId: current.progress.exportId });
    if (!isMounted.current) return;
    if (r.ok) follow(r.value);
    else setPhase({ kind: 'failed', message: r.error.message });
  }, [call, follow, setPhase, stopPolling]);

  /** The close button, Esc and the mask: while an export runs, ask first whether to cancel it. */
  const requestClose = useCallback(() => {
    const current = phaseRef.current;
    if (current.kind !== 'running' && current.kind !== 'starting') return onClose();
    modal.confirm({
      title: s.confirmCloseTitle,
      content: s.confirmCloseText,
      okText: s.confirmCloseOk,
      cancelText: s.confirmCloseKeep,
      okButtonProps: { danger: true },
      onOk: async () => {
        await cancel();
        onClose();
      },
    });
  }, [cancel, modal, onClose]);

  /** Enter starts (in the purpose box too); buttons keep their own Enter, and an IME's Enter picks its word. */
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || phaseRef.current.kind !== 'setup') return;
    const target = e.target as HTMLElement;
    if (target.closest('button, textarea')) return;
    e.preventDefault();
    void start();
  };

  const footer = (() => {
    switch (phase.kind) {
      case 'setup':
      case 'starting':
        return [
          <Button key="close" onClick={requestClose}>{s.close}</Button>,
          <Button key="start" ref={startRef} type="primary" loading={phase.kind === 'starting'} onClick={() => void start()} data-testid="export-start">{s.start}</Button>,
        ];
      case 'running':
        return [<Button key="cancel" loading={phase.isCancelling} onClick={() => void cancel()} data-testid="export-cancel">{s.cancel}</Button>];
      case 'delivering':
        return [<Button key="close" disabled>{s.close}</Button>];
      default:
        return [<Button key="close" type="primary" onClick={onClose} data-testid="export-close">{s.close}</Button>];
    }
  })();

  const isSetup = phase.kind === 'setup' || phase.kind === 'starting';
  return (
    <Modal
      open
      title={s.title}
      width={600}
      onCancel={requestClose}
      footer={footer}
      mask={{ closable: false }}
      afterOpenChange={(isOpen) => { if (isOpen) startRef.current?.focus(); }}
      destroyOnHidden
    >
      <div onKeyDown={onKeyDown} data-testid="export-dialog">
        <Descriptions column={1} size="small" bordered styles={{ label: { width: 110 } }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={s.scope}>
            <div data-testid="export-filters">
              {words.length === 0 ? NO_FILTERS : words.map((w) => <div key={w}>{w}</div>)}
            </div>
          </Descriptions.Item>
          <Descriptions.Item label={s.order}>{registerOrderWords(filters)}</Descriptions.Item>
          <Descriptions.Item label={s.rows}><span data-testid="export-count">{total ? totalText(total) : s.rowsUnknown}</span></Descriptions.Item>
        </Descriptions>
        {isSetup && (
          <Form form={form} layout="vertical" initialValues={{ unmasked: false, purpose: '' }}
            onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} disabled={phase.kind === 'starting'}>
            {canReveal ? (
              <>
                <Form.Item name="unmasked" label={s.identity} extra={unmasked ? s.unmaskedHint : s.maskedHint} style={{ marginBottom: 12 }}>
                  <Radio.Group data-testid="export-identity" options={[{ value: false, label: s.masked }, { value: true, label: s.unmasked }]} />
                </Form.Item>
                {unmasked && (
                  <Form.Item name="purpose" label={s.purpose} required>
                    <Input autoFocus maxLength={500} placeholder={s.purposePlaceholder} data-testid="export-purpose" />
                  </Form.Item>
                )}
              </>
            ) : (
              <Form.Item label={s.identity} style={{ marginBottom: 12 }}>
                <Typography.Text data-testid="export-identity-fixed">{s.clerkMasked}</Typography.Text>
              </Form.Item>
            )}
            <Typography.Text type="secondary">{s.startHint}</Typography.Text>
          </Form>
        )}
        {(phase.kind === 'running' || phase.kind === 'delivering') && (
          <div data-testid="export-progress">
            <Progress percent={percentOf(phase.progress)} status="active" />
            <Typography.Text>{phase.kind === 'delivering' ? s.delivering : s.progress(phase.progress.written, phase.progress.total)}</Typography.Text>
          </div>
        )}
        {phase.kind === 'done' && (
          <Alert type={phase.isSaved ? 'success' : 'warning'} showIcon data-testid="export-result"
            title={s.done(phase.progress.written)}
            description={<Space orientation="vertical" size={0}>
              <span>{s.doneFile(phase.fileName)}</span>
              {!phase.isSaved && <span>{s.notSaved}</span>}
            </Space>} />
        )}
        {phase.kind === 'cancelled' && (
          <Alert type="info" showIcon data-testid="export-result" title={s.cancelled} description={s.cancelledDetail(phase.progress.written)} />
        )}
        {phase.kind === 'failed' && <Alert type="error" showIcon data-testid="export-result" title={s.failed} description={phase.message} />}
      </div>
    </Modal>
  );
}

/** Cancels an export nobody is watching any more (no message: the dialog is gone). */
function abandon(progress: RegisterExportProgress): void {
  if (progress.state === 'running') void invoke('registerExport/cancel', { exportId: progress.exportId });
}

function percentOf(p: RegisterExportProgress): number {
  if (p.state === 'done') return 100;
  return p.total > 0 ? Math.min(99, Math.floor((100 * p.written) / p.total)) : 0;
}
