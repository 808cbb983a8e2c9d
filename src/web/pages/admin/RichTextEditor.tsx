import {
  BoldOutlined, ClearOutlined, FontSizeOutlined, ItalicOutlined, OrderedListOutlined, UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';

// A small rich-text editor for posting descriptions: paragraphs, bold, italic, lists and a
// subheading — the structure employers use in a job description, nothing that can restyle the
// page. The browser's editing commands do the work; the server sanitises whatever arrives
// (jobs/sanitize.ts), so this is convenience, not the security boundary. Pasted content goes in as
// plain text: Word and web pages bring fonts and colours that would only be stripped anyway.

interface Props {
  value?: string;
  onChange?: (html: string) => void;
  /** Counted in characters of text, as the server counts. */
  maxLength?: number;
  id?: string;
  label: string;
  /** Shown while the editor is empty. */
  hint?: string;
  disabled?: boolean;
}

type Command = 'bold' | 'italic' | 'insertUnorderedList' | 'insertOrderedList' | 'heading' | 'removeFormat';

const TOOLS: { command: Command; icon: ReactNode; key: UiKey }[] = [
  { command: 'bold', icon: <BoldOutlined />, key: 'editor.bold' },
  { command: 'italic', icon: <ItalicOutlined />, key: 'editor.italic' },
  { command: 'insertUnorderedList', icon: <UnorderedListOutlined />, key: 'editor.bullets' },
  { command: 'insertOrderedList', icon: <OrderedListOutlined />, key: 'editor.numbers' },
  { command: 'heading', icon: <FontSizeOutlined />, key: 'editor.heading' },
  { command: 'removeFormat', icon: <ClearOutlined />, key: 'editor.clear' },
];

/** The editor's HTML as stored: empty when there is no text (a lone <br> or empty <p> is nothing). */
function normalise(el: HTMLElement): string {
  return el.textContent?.trim() ? el.innerHTML : '';
}

export function RichTextEditor({ value, onChange, maxLength = 5000, id, label, hint, disabled }: Props) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [length, setLength] = useState(0);
  const [active, setActive] = useState<Partial<Record<Command, boolean>>>({});

  // Only a value from outside (load, form reset) replaces the content: rewriting it on every
  // keystroke would move the caret.
  useEffect(() => {
    const el = ref.current;
    if (!el || normalise(el) === (value ?? '')) return;
    el.innerHTML = value ?? '';
    setLength(el.textContent?.length ?? 0);
  }, [value]);

  const emit = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    setLength(el.textContent?.length ?? 0);
    onChange?.(normalise(el));
  }, [onChange]);

  const refreshActive = useCallback(() => {
    const el = ref.current;
    const selection = document.getSelection();
    if (!el || !selection?.anchorNode || !el.contains(selection.anchorNode)) return;
    const inHeading = !!(selection.anchorNode.parentElement?.closest('h4'));
    setActive({
      bold: document.queryCommandState('bold'), italic: document.queryCommandState('italic'),
      insertUnorderedList: document.queryCommandState('insertUnorderedList'), insertOrderedList: document.queryCommandState('insertOrderedList'),
      heading: inHeading,
    });
  }, []);

  useEffect(() => {
    document.addEventListener('selectionchange', refreshActive);
    return () => document.removeEventListener('selectionchange', refreshActive);
  }, [refreshActive]);

  const run = (command: Command) => {
    ref.current?.focus();
    // execCommand is deprecated yet still the only editing API every browser implements alike.
    if (command === 'heading') document.execCommand('formatBlock', false, active.heading ? 'p' : 'h4');
    else document.execCommand(command);
    emit();
    refreshActive();
  };

  return (
    <div className={`cy-rte${disabled ? ' cy-rte-disabled' : ''}`}>
      <div className="cy-rte-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
        {TOOLS.map((tool) => (
          <Tooltip key={tool.command} title={t(tool.key)}>
            <Button
              size="small" type={active[tool.command] ? 'primary' : 'text'} icon={tool.icon} aria-label={t(tool.key)}
              aria-pressed={tool.command === 'removeFormat' ? undefined : !!active[tool.command]} disabled={disabled}
              // Keep the selection in the editor: a button taking focus would lose it.
              onMouseDown={(e) => e.preventDefault()} onClick={() => run(tool.command)}
            />
          </Tooltip>
        ))}
      </div>
      <div
        ref={ref} id={id} className="cy-rte-body" role="textbox" aria-multiline="true" aria-label={label} data-hint={hint}
        contentEditable={!disabled} suppressContentEditableWarning
        onFocus={() => document.execCommand('defaultParagraphSeparator', false, 'p')}
        onInput={emit} onBlur={emit}
        onPaste={(e) => {
          e.preventDefault();
          document.execCommand('insertText', false, e.clipboardData.getData('text/plain'));
        }}
      />
      <Typography.Text type={length > maxLength ? 'danger' : 'secondary'} className="cy-rte-count">
        {length} / {maxLength}
      </Typography.Text>
    </div>
  );
}
