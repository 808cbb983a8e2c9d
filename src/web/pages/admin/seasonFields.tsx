import { Tag, TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { EventKind, EventStatus, SeasonStatus } from '../../services/seasons.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { buildUnionTree, useUnions, type UnionNode } from './UnionsPage.js';
import './seasons.css';

// Small pieces shared by the season list, the season page and the event drawer.

const SEASON_COLORS: Record<SeasonStatus, string> = { draft: 'default', published: 'green', closed: 'blue' };
const EVENT_COLORS: Record<EventStatus, string> = { draft: 'default', open: 'green', held: 'blue', cancelled: 'red' };
export const KIND_COLORS: Record<EventKind, string> = { fair: 'volcano', online: 'geekblue', livestream: 'magenta', forum: 'cyan' };

export function SeasonStatusTag({ status }: { status: SeasonStatus }) {
  const t = useT();
  return <Tag color={SEASON_COLORS[status]}>{t(`season.status.${status}` as UiKey)}</Tag>;
}

export function EventStatusTag({ status }: { status: EventStatus }) {
  const t = useT();
  return <Tag color={EVENT_COLORS[status]}>{t(`event.status.${status}` as UiKey)}</Tag>;
}

export function EventKindTag({ kind }: { kind: EventKind }) {
  const t = useT();
  return <Tag color={KIND_COLORS[kind]}>{t(`event.kind.${kind}` as UiKey)}</Tag>;
}

interface TreeOption { value: string; title: string; children?: TreeOption[] }
const toTree = (nodes: UnionNode[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.id, title: n.name, ...(n.children ? { children: toTree(n.children) } : {}) }));

/** Any union of either federation, searchable by name (federation → city → county). */
export function UnionTreeSelect(props: { id?: string; value?: string; onChange?: (id: string | undefined) => void; placeholder?: string; expanded?: string[] }) {
  const unions = useUnions();
  const tree = useMemo(() => toTree(buildUnionTree(unions.data?.items ?? [])), [unions.data]);
  return (
    <TreeSelect
      id={props.id} value={props.value} onChange={(v) => props.onChange?.(v ?? undefined)} allowClear showSearch treeNodeFilterProp="title"
      treeData={tree} loading={unions.isPending} placeholder={props.placeholder} treeDefaultExpandedKeys={props.expanded ?? []}
      popupMatchSelectWidth={false} style={{ width: '100%' }}
    />
  );
}
