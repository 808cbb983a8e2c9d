import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Input, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, type Page } from '../../services/client.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';

export interface UnionItem {
  id: string;
  name: string;
  regionCode: string;
  regionName: string;
  level: 'federation' | 'city' | 'county';
  federation: '50' | '51';
  parentId: string | null;
}

export interface UnionNode extends UnionItem {
  children?: UnionNode[];
}

/** The flat list from /api/unions as a tree (federation → city → county). */
export function buildUnionTree(items: UnionItem[]): UnionNode[] {
  const nodes = new Map<string, UnionNode>(items.map((u) => [u.id, { ...u }]));
  const roots: UnionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

export function useUnions() {
  return useQuery({ queryKey: ['unions'], queryFn: () => api<Page<UnionItem>>('/api/unions'), staleTime: 300_000 });
}

export default function UnionsPage() {
  const t = useT();
  const unions = useUnions();
  const [q, setQ] = useState('');
  const data = useMemo(() => {
    const items = unions.data?.items ?? [];
    const needle = q.trim();
    const filtered = needle ? items.filter((u) => u.name.includes(needle) || u.regionName.includes(needle) || u.regionCode.startsWith(needle)) : items;
    // A search shows the matches flat; otherwise the tree.
    return needle ? filtered : buildUnionTree(filtered);
  }, [unions.data, q]);
  const items = unions.data?.items ?? [];
  return (
    <>
      <div className="admin-page-head">
        <h1>{t('unions.title')}</h1>
        <Typography.Text type="secondary">
          {t('unions.summary', {
            total: items.length,
            cq: items.filter((u) => u.federation === '50').length,
            sc: items.filter((u) => u.federation === '51').length,
          })}
        </Typography.Text>
      </div>
      <Card>
        <div className="admin-filters">
          <Input.Search allowClear placeholder={t('unions.search')} onChange={(e) => setQ(e.target.value)} style={{ maxWidth: 360 }} />
        </div>
        {unions.isError && <Alert type="error" showIcon title={(unions.error as Error).message} style={{ marginBottom: 12 }} />}
        <Table<UnionNode>
          rowKey="id" size="middle" loading={unions.isPending} dataSource={data} scroll={{ x: 640 }}
          pagination={q ? { pageSize: 20 } : false}
          expandable={{ defaultExpandedRowKeys: items.filter((u) => u.level === 'federation').map((u) => u.id) }}
          columns={[
            { title: t('unions.col.name'), dataIndex: 'name' },
            { title: t('unions.col.region'), dataIndex: 'regionCode', width: 140, render: (code: string, u) => `${code} ${u.regionName}` },
            { title: t('unions.col.level'), dataIndex: 'level', width: 110, render: (level: UnionItem['level']) => t(`level.${level}` as UiKey) },
            {
              title: t('unions.col.federation'), dataIndex: 'federation', width: 120,
              render: (f: '50' | '51') => <Tag color={f === '50' ? 'volcano' : 'geekblue'}>{t(`federation.${f}` as UiKey)}</Tag>,
            },
          ]}
        />
      </Card>
    </>
  );
}
