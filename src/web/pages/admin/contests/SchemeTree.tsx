import { DeleteOutlined, EditOutlined, LockOutlined, PlusOutlined, TeamOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { useT } from '../../../i18n/index.js';
import type { UiKey } from '../../../i18n/zh-CN.js';
import { majorTotal, sumCheck, type AspectType, type DraftAspect, type DraftMajor, type DraftSub, type LockState, type PlacedIssue, type SchemeItem } from './schemeDraft.js';

// The scheme as a tree: major items (cards) → sub-items (with maximum, timing, lock state, judges
// and the live sum check) → aspects (type, maximum, descriptors or deductions). Editing buttons only
// when the caller may edit; the judges' button for the contest's managers.

const TYPE_COLOR: Record<AspectType, string> = { measurement: 'blue', judgement: 'purple', deduction: 'orange' };
const LOCK_COLOR: Record<LockState, string> = { open: 'default', locked: 'green', reopened: 'gold' };

export interface TreeActions {
  editMajor(m: DraftMajor): void;
  removeMajor(m: DraftMajor): void;
  addSub(m: DraftMajor): void;
  editSub(s: DraftSub): void;
  removeSub(s: DraftSub): void;
  addAspect(s: DraftSub): void;
  editAspect(s: DraftSub, a: DraftAspect): void;
  removeAspect(s: DraftSub, a: DraftAspect): void;
  judges(item: SchemeItem): void;
}

const Issues = ({ list }: { list: PlacedIssue[] }) => (list.length ? (
  <div className="scheme-issues">{list.map((i, k) => <Typography.Text key={k} type="danger">{i.message}</Typography.Text>)}</div>
) : null);

/** Edit and remove buttons of one entry; removing a whole item asks first. */
function EditRemove({ onEdit, onRemove, confirm }: { onEdit(): void; onRemove(): void; confirm?: string }) {
  const t = useT();
  const remove = <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={confirm ? undefined : onRemove} />;
  return (
    <>
      <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={onEdit} />
      {confirm ? <Popconfirm title={confirm} onConfirm={onRemove}>{remove}</Popconfirm> : remove}
    </>
  );
}

export function SchemeTree({ draft, saved, editable, canManage, issues, actions }: {
  draft: DraftMajor[]; saved: SchemeItem[]; editable: boolean; canManage: boolean; issues: PlacedIssue[]; actions: TreeActions;
}) {
  const t = useT();
  const issuesOf = (key: string) => issues.filter((i) => i.key === key);
  return (
    <div className="scheme-tree">
      {draft.map((m) => (
        <Card
          key={m.key} size="small" className="scheme-major"
          title={<span className="scheme-title"><span className="scheme-code">{m.code}</span>{m.name}</span>}
          extra={(
            <Space size={4} wrap>
              <Typography.Text type="secondary">{t('contests.scheme.total', { points: majorTotal(m) })}</Typography.Text>
              {editable && <EditRemove onEdit={() => actions.editMajor(m)} onRemove={() => actions.removeMajor(m)} confirm={t('contests.scheme.remove_major', { name: m.name })} />}
            </Space>
          )}
        >
          <Issues list={issuesOf(m.key)} />
          {m.subs.map((s) => (
            <SubItem key={s.key} sub={s} saved={saved.find((i) => i.id === s.id && i.code === s.code) ?? null} editable={editable} canManage={canManage} issuesOf={issuesOf} actions={actions} />
          ))}
          {!m.subs.length && <Typography.Text type="secondary">{t('contests.scheme.no_subs')}</Typography.Text>}
          {editable && <Button type="dashed" block icon={<PlusOutlined />} onClick={() => actions.addSub(m)} style={{ marginTop: 8 }}>{t('contests.scheme.add_sub')}</Button>}
        </Card>
      ))}
    </div>
  );
}

function SubItem({ sub, saved, editable, canManage, issuesOf, actions }: {
  sub: DraftSub; saved: SchemeItem | null; editable: boolean; canManage: boolean; issuesOf(key: string): PlacedIssue[]; actions: TreeActions;
}) {
  const t = useT();
  const check = sumCheck(sub);
  const lock = saved?.lockState ?? 'open';
  return (
    <section className="scheme-sub" data-testid={`scheme-sub-${sub.code}`}>
      <div className="scheme-sub-head">
        <span className="scheme-title"><span className="scheme-code">{sub.code}</span>{sub.name}</span>
        <Space size={4} wrap>
          <Tag color="red">{t('contests.scheme.max_tag', { max: sub.max ?? '–' })}</Tag>
          {sub.isTimed && <Tag>{sub.timeLimitSeconds ? t('contests.scheme.timed_limit', { minutes: Math.round(sub.timeLimitSeconds / 60 * 100) / 100 }) : t('contests.scheme.timed')}</Tag>}
          <Tooltip title={t('contests.scheme.lock_hint')}>
            <Tag color={LOCK_COLOR[lock]} icon={lock === 'open' ? <UnlockOutlined /> : <LockOutlined />}>{t(`contests.scheme.lock.${lock}` as UiKey)}</Tag>
          </Tooltip>
          <Typography.Text type={check.ok ? 'success' : 'danger'} className="scheme-sum" data-testid={`scheme-sum-${sub.code}`}>
            {t('contests.scheme.sum', { sum: check.sum, max: sub.max ?? '–' })}
          </Typography.Text>
          {editable && <EditRemove onEdit={() => actions.editSub(sub)} onRemove={() => actions.removeSub(sub)} confirm={t('contests.scheme.remove_sub', { name: sub.name })} />}
        </Space>
      </div>
      <Issues list={issuesOf(sub.key)} />
      {saved && (canManage || saved.judges.length > 0) && (
        <div className="scheme-judges">
          <TeamOutlined />
          <span>{saved.judges.length ? saved.judges.map((j) => j.name).join('、') : t('contests.scheme.no_judges')}</span>
          {canManage && <Button size="small" onClick={() => actions.judges(saved)}>{t('contests.scheme.assign_judges')}</Button>}
        </div>
      )}
      <ul className="scheme-aspects">
        {sub.aspects.map((a) => (
          <li key={a.key} className="scheme-aspect">
            <div className="scheme-aspect-head">
              <span className="scheme-code">{a.code}</span>
              <Tag color={TYPE_COLOR[a.type]}>{t(`contests.scheme.type.${a.type}` as UiKey)}</Tag>
              <Typography.Text strong>{t('contests.scheme.points_of', { points: a.max ?? '–' })}</Typography.Text>
              {a.type === 'judgement' && <Typography.Text type="secondary">{t('contests.scheme.judged_by', { count: a.judges ?? '–' })}</Typography.Text>}
              {editable && (
                <span className="scheme-aspect-actions"><EditRemove onEdit={() => actions.editAspect(sub, a)} onRemove={() => actions.removeAspect(sub, a)} /></span>
              )}
            </div>
            {a.description && <div className="scheme-aspect-text">{a.description}</div>}
            {a.type === 'judgement' && (
              <ol className="scheme-descriptors" start={0}>
                {a.descriptors.map((d, k) => <li key={k}><span className="scheme-score">{k}</span>{d || '—'}</li>)}
              </ol>
            )}
            {a.type === 'deduction' && (
              <ul className="scheme-deductions">
                {a.deductions.map((d) => <li key={d.code}><span className="scheme-code">{d.code}</span>{d.text}<span className="scheme-minus">−{d.points}</span></li>)}
              </ul>
            )}
            <Issues list={issuesOf(a.key)} />
          </li>
        ))}
      </ul>
      {!sub.aspects.length && <Typography.Text type="secondary">{t('contests.scheme.no_aspects')}</Typography.Text>}
      {editable && <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => actions.addAspect(sub)}>{t('contests.scheme.add_aspect')}</Button>}
    </section>
  );
}
