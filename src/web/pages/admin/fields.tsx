import { Cascader, Select, Tag } from 'antd';
import type { CascaderProps } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../services/client.js';
import { useIndustries, useJobTypes, type EnterpriseStatus, type PostingStatus } from '../../services/employment.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: RegionOption[];
}

const toOption = (r: { code: string; name: string; level: string }): RegionOption => ({ value: r.code, label: r.name, isLeaf: r.level === 'county' });

/**
 * Province → city → county, loaded level by level from /api/regions. `anyLevel` lets a filter stop
 * at a province or city; forms need a county.
 */
export function RegionCascader(props: { id?: string; value?: string | null; onChange?: (code: string | undefined) => void; anyLevel?: boolean; placeholder?: string; style?: React.CSSProperties }) {
  const [options, setOptions] = useState<RegionOption[]>([]);
  // A ref, not state: opening fires more than once before a re-render, and a second root list
  // arriving after a province was expanded would replace the expanded options with bare ones.
  const rootRequested = useRef(false);
  const [path, setPath] = useState<string[] | undefined>(undefined);
  const ensureRoot = async () => {
    if (rootRequested.current) return;
    rootRequested.current = true;
    const root = (await api<{ code: string; name: string; level: string }[]>('/api/regions')).map(toOption);
    setOptions((current) => (current.length ? current : root));
  };
  const loadData: CascaderProps<RegionOption>['loadData'] = async (selected) => {
    const target = selected[selected.length - 1]!;
    const children = await api<{ code: string; name: string; level: string }[]>('/api/regions', { query: { parent: target.value } });
    target.children = children.map(toOption);
    setOptions((o) => [...o]);
  };
  // A stored value (a form opened on a saved county): look up its ancestors, load each level's
  // options along that path and show the names, so the cascader opens where the value is.
  useEffect(() => {
    const code = props.value;
    if (!code || path?.at(-1) === code) return;
    let cancelled = false;
    void (async () => {
      const region = await api<{ path: { code: string }[] }>(`/api/regions/${code}`).catch(() => null);
      if (!region || cancelled) return;
      const root = (await api<{ code: string; name: string; level: string }[]>('/api/regions')).map(toOption);
      let level = root;
      for (const step of region.path.slice(0, -1)) {
        const node = level.find((o) => o.value === step.code);
        if (!node) break;
        node.children = (await api<{ code: string; name: string; level: string }[]>('/api/regions', { query: { parent: step.code } })).map(toOption);
        level = node.children;
      }
      if (cancelled) return;
      rootRequested.current = true;
      setOptions(root);
      setPath(region.path.map((r) => r.code));
    })();
    return () => { cancelled = true; };
    // Only a new value from outside needs this; the path it sets must not re-run it.
  }, [props.value]);
  const shown = path ?? (props.value ? [props.value] : undefined);
  return (
    <Cascader<RegionOption>
      id={props.id}
      style={props.style}
      options={options}
      loadData={loadData}
      value={shown}
      changeOnSelect={props.anyLevel}
      placeholder={props.placeholder}
      onOpenChange={(open) => { if (open) void ensureRoot(); }}
      displayRender={(labels) => (labels.length ? labels.join(' / ') : (props.value ?? ''))}
      onChange={(value) => {
        const list = value as string[] | undefined;
        setPath(list);
        props.onChange?.(list?.[list.length - 1]);
      }}
      allowClear
    />
  );
}

/** GB/T 4754 section → division; the value is "C" or "C36". */
export function IndustryCascader(props: { id?: string; value?: string | null; onChange?: (value: string | undefined) => void }) {
  const industries = useIndustries();
  const options = useMemo(() => (industries.data ?? []).map((s) => ({
    value: s.code, label: `${s.code} ${s.name}`, children: s.divisions.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
  })), [industries.data]);
  const value = props.value ? (props.value.length > 1 ? [props.value[0]!, props.value.slice(1)] : [props.value]) : undefined;
  return (
    <Cascader
      id={props.id} options={options} value={value} changeOnSelect showSearch allowClear loading={industries.isPending}
      onChange={(v) => props.onChange?.(v ? (v as string[]).join('') : undefined)}
    />
  );
}

/** Job types grouped by category, searchable by name and synonyms (厨师 finds 中式烹调师). */
export function JobTypeSelect(props: { id?: string; value?: string; onChange?: (code: string) => void; allowClear?: boolean; placeholder?: string; style?: React.CSSProperties }) {
  const jobTypes = useJobTypes();
  const options = useMemo(() => (jobTypes.data ?? []).map((c) => ({
    label: c.name,
    options: c.jobTypes.map((t) => ({ value: t.code, label: t.name, search: [t.name, ...t.synonyms].join(' ') })),
  })), [jobTypes.data]);
  return (
    <Select
      id={props.id} showSearch allowClear={props.allowClear} placeholder={props.placeholder} style={props.style} value={props.value}
      onChange={(v) => props.onChange?.(v)} options={options} loading={jobTypes.isPending}
      filterOption={(input, option) => !!(option as { search?: string } | undefined)?.search?.includes(input.trim())}
    />
  );
}

const ENT_COLORS: Record<EnterpriseStatus, string> = { submitted: 'gold', verified: 'green', rejected: 'red' };
const POST_COLORS: Record<PostingStatus, string> = { draft: 'default', pending: 'gold', published: 'green', rejected: 'red', closed: 'default', filled: 'blue', expired: 'default' };

export function EnterpriseStatusTag({ status }: { status: EnterpriseStatus }) {
  const t = useT();
  return <Tag color={ENT_COLORS[status]}>{t(`ent.status.${status}` as UiKey)}</Tag>;
}

export function PostingStatusTag({ status }: { status: PostingStatus }) {
  const t = useT();
  return <Tag color={POST_COLORS[status]}>{t(`post.status.${status}` as UiKey)}</Tag>;
}
