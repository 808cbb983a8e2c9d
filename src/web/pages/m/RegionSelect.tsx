import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/index.js';
import { api } from '../../services/client.js';

interface RegionRow { code: string; name: string; level: 'province' | 'prefecture' | 'county' }

const children = (parent: string | undefined) => ({
  queryKey: ['regions', parent ?? ''],
  queryFn: () => api<RegionRow[]>('/api/regions', { query: parent ? { parent } : {} }),
  staleTime: Infinity,
});

/**
 * Province → city → district as native selects (the phone's own picker, light on a fair's network).
 * `anyLevel` reports a province or city as soon as it is chosen; otherwise only a district counts.
 */
export function RegionSelect(props: { id: string; label: string; value: string | null; onChange: (code: string | null) => void; anyLevel?: boolean; invalid?: boolean }) {
  const t = useT();
  const [path, setPath] = useState<string[]>([]);
  // A stored value: open at its place (its ancestors looked up once).
  const stored = useQuery({
    queryKey: ['region', props.value],
    queryFn: () => api<{ path: { code: string }[] }>(`/api/regions/${props.value}`),
    enabled: !!props.value && path.at(-1) !== props.value,
    staleTime: Infinity,
  });
  useEffect(() => {
    if (stored.data && props.value && path.at(-1) !== props.value) setPath(stored.data.path.map((r) => r.code));
    // Only a value from outside moves the path; the path itself must not re-run this.
  }, [stored.data, props.value]);
  // Three levels at most: a district has no children to ask for.
  const levels = useQueries({ queries: [children(undefined), ...path.slice(0, 2).map((code) => children(code))] });
  const choose = (depth: number, code: string) => {
    const next = code ? [...path.slice(0, depth), code] : path.slice(0, depth);
    setPath(next);
    const row = code ? levels[depth]?.data?.find((r) => r.code === code) : undefined;
    if (row?.level === 'county' || (props.anyLevel && row)) props.onChange(row.code);
    else if (props.anyLevel && !code) props.onChange(next.at(-1) ?? null);
    else props.onChange(null);
  };
  // Named by what the list holds: under 重庆市 the next level is already its districts.
  const placeholder = { province: t('m.region.province'), prefecture: t('m.region.city'), county: t('m.region.county') };
  return (
    <div className="m-region">
      {levels.map((level, depth) => {
        const rows = level.data ?? [];
        if (depth > 0 && !rows.length) return null;
        const name = placeholder[rows[0]?.level ?? 'province'];
        return (
          <select key={depth} id={depth === 0 ? props.id : `${props.id}-${depth}`} aria-label={`${props.label}：${name}`} aria-invalid={props.invalid}
            value={path[depth] ?? ''} onChange={(e) => choose(depth, e.target.value)}>
            <option value="">{level.isPending ? t('common.loading') : name}</option>
            {rows.map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
          </select>
        );
      })}
    </div>
  );
}
