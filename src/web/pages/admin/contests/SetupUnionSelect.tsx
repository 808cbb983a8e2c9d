import { Select } from 'antd';
import { useMemo } from 'react';
import { useUnions } from '../UnionsPage.js';

/**
 * A team's sending union: every union of both federations in region order, searchable by name
 * (a flat list: typing 广安 finds 广安市总工会 and its counties at once).
 */
export function SetupUnionSelect(props: { id?: string; value?: string; onChange?: (id: string | undefined) => void }) {
  const unions = useUnions();
  const options = useMemo(() => (unions.data?.items ?? []).map((u) => ({ value: u.id, label: u.name })), [unions.data]);
  return (
    <Select
      id={props.id} value={props.value} onChange={(v) => props.onChange?.(v ?? undefined)} allowClear showSearch optionFilterProp="label"
      options={options} loading={unions.isPending} style={{ width: '100%' }}
    />
  );
}
