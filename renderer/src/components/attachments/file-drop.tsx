import { PaperClipOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { t } from '../../i18n/zh-CN';
import './attachments.css';

const hasFiles = (e: DragEvent | React.DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * A file dropped beside the drop area would make the browser open it in place of the app, losing what was
 * typed: while a drop area is on screen, a drop anywhere else does nothing.
 */
function useNoDropOutside() {
  useEffect(() => {
    const stop = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);
}

interface Props {
  onFiles(files: File[]): void;
  children: ReactNode;
  /** no picker and no drop (an auditor, a case being saved) */
  disabled?: boolean;
  testId: string;
  /** the area's own look (the registration form's dashed box); the picker is a separate PickFilesButton */
  className?: string;
}

/** The area files are dropped on (the whole 附件 section): outlined while files are dragged over it. */
export function FileDrop({ onFiles, children, disabled, testId, className }: Props) {
  const [isOver, setOver] = useState(false);
  const depth = useRef(0);
  useNoDropOutside();
  if (disabled) return <div className={className} data-testid={testId}>{children}</div>;
  return (
    <div
      className={`${className ?? ''} attachment-drop${isOver ? ' attachment-drop-over' : ''}`}
      data-testid={testId}
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current += 1;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        const files = Array.from(e.dataTransfer.files);
        if (files.length) onFiles(files);
      }}
    >
      {children}
      {isOver && <div className="attachment-drop-cover">{t.attachments.dropNow}</div>}
    </div>
  );
}

/** 添加附件: the system's file picker, several files at once. */
export function PickFilesButton({ onFiles, disabled, testId, size }: { onFiles(files: File[]): void; disabled?: boolean; testId: string; size?: 'small' }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button size={size} icon={<PaperClipOutlined />} disabled={disabled} onClick={() => input.current?.click()} data-testid={`${testId}-button`}>
        {t.attachments.add}
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid={`${testId}-input`}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // the same file picked again later still counts as a change
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </>
  );
}
