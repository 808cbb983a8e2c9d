import { Alert, App, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import { useAssignJudges, useJudgeCandidates, type SchemeItem } from './schemeDraft.js';

/** The judges of one sub-item, chosen from the users holding the judge role (searchable). */
export function SchemeJudges({ contestId, item, onClose }: { contestId: number; item: SchemeItem | null; onClose(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const candidates = useJudgeCandidates(contestId, q, !!item);
  const assign = useAssignJudges(contestId);
  useEffect(() => {
    setChosen(item?.judges.map((j) => j.id) ?? []);
    setError(null);
    setQ('');
  }, [item]);
  if (!item) return null;
  // The names of those already assigned, even when the search does not list them.
  const known = new Map<string, string>(item.judges.map((j) => [j.id, j.name]));
  for (const c of candidates.data?.items ?? []) known.set(c.id, c.union ? `${c.name}（${c.union.name}）` : c.name);
  const needed = Math.max(0, ...item.aspects.filter((a) => a.type === 'judgement').map((a) => a.judges));
  const save = async () => {
    try {
      await assign.mutateAsync({ itemId: item.id, userIds: chosen });
      message.success(t('contests.scheme.judges_saved'));
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? [e.message, ...e.issues.map((i) => i.message)].join(' / ') : String(e));
    }
  };
  return (
    <Modal
      open title={t('contests.scheme.judges_title', { code: item.code, name: item.name })} onCancel={onClose} onOk={save}
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={assign.isPending} destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {needed > 0 && (
        <Typography.Paragraph type={chosen.length < needed ? 'warning' : 'secondary'}>
          {t('contests.scheme.judges_needed', { count: needed, chosen: chosen.length })}
        </Typography.Paragraph>
      )}
      <Select
        mode="multiple" style={{ width: '100%' }} value={chosen} onChange={setChosen} showSearch={{ filterOption: false, onSearch: setQ }}
        loading={candidates.isFetching} placeholder={t('contests.scheme.judges_search')} data-testid="scheme-judges-select"
        notFoundContent={candidates.isError ? candidates.error.message : t('contests.scheme.judges_none')}
        options={[...known].map(([value, label]) => ({ value, label }))}
      />
    </Modal>
  );
}
