import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Modal, Result, Space, Spin, Table, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useT } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import { downloadFile } from '../../../services/seasons.js';
import { ContestNav } from './ContestNav.js';
import { SchemeDrawer, type Editing } from './SchemeDrawer.js';
import { SchemeJudges } from './SchemeJudges.js';
import { SchemeTree, type TreeActions } from './SchemeTree.js';
import {
  importScheme, newDraftKey, placeIssues, sumCheck, toBody, toDraft, useContestName, useSaveScheme, useScheme,
  type DraftMajor, type DraftSub, type PlacedIssue, type RowError, type Scheme, type SchemeItem,
} from './schemeDraft.js';
import './SchemePage.css';

// /admin/contests/:id/scheme — the marking scheme (issue 6 §2): the tree of items and aspects, an
// editor working on a draft that is saved whole, .xlsx import and export, judges per sub-item.

const blankSub = (): DraftSub => ({ key: newDraftKey(), id: null, code: '', name: '', max: null, isTimed: false, timeLimitSeconds: null, aspects: [] });

export default function SchemePage() {
  const t = useT();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const contest = useContestName(id);
  const scheme = useScheme(id);
  const save = useSaveScheme(id);
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<DraftMajor[]>([]);
  const [dirty, setDirty] = useState(false);
  const [issues, setIssues] = useState<PlacedIssue[]>([]);
  const [unplaced, setUnplaced] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [judgesOf, setJudgesOf] = useState<SchemeItem | null>(null);
  const [importing, setImporting] = useState(false);
  const [importErrors, setImportErrors] = useState<{ message: string; errors: RowError[] } | null>(null);
  // Where a new entry goes when its drawer is confirmed: the parent's key.
  const target = useRef<{ parent: string | null; isNew: boolean }>({ parent: null, isNew: false });

  const reset = (s: Scheme) => { setDraft(toDraft(s)); setDirty(false); setIssues([]); setUnplaced(null); };
  // A refetch (judges assigned, window refocused) refreshes the tree but never throws away unsaved edits.
  useEffect(() => { if (scheme.data && !dirty) setDraft(toDraft(scheme.data)); }, [scheme.data]);

  if (scheme.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (scheme.isError) {
    const notFound = scheme.error instanceof ApiError && scheme.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={scheme.error.message} extra={!notFound && <Button onClick={() => scheme.refetch()}>{t('common.retry')}</Button>} />;
  }
  const data = scheme.data;
  const editable = data.me.canEdit;
  const change = (next: DraftMajor[]) => { setDraft(next); setDirty(true); };
  const mapSubs = (fn: (s: DraftSub) => DraftSub | null) => draft.map((m) => ({ ...m, subs: m.subs.map(fn).filter((s): s is DraftSub => s !== null) }));

  const actions: TreeActions = {
    editMajor: (m) => { target.current = { parent: null, isNew: false }; setEditing({ kind: 'major', value: m }); },
    removeMajor: (m) => change(draft.filter((x) => x.key !== m.key)),
    addSub: (m) => { target.current = { parent: m.key, isNew: true }; setEditing({ kind: 'sub', value: blankSub() }); },
    editSub: (s) => { target.current = { parent: null, isNew: false }; setEditing({ kind: 'sub', value: s }); },
    removeSub: (s) => change(mapSubs((x) => (x.key === s.key ? null : x))),
    addAspect: (s) => {
      target.current = { parent: s.key, isNew: true };
      const value = { key: newDraftKey(), code: `${s.code}.${s.aspects.length + 1}`, type: 'measurement' as const, max: null, description: '', descriptors: ['', '', '', ''], deductions: [], judges: null };
      setEditing({ kind: 'aspect', value, itemMax: s.max, otherSum: sumCheck(s).sum });
    },
    editAspect: (s, a) => {
      target.current = { parent: s.key, isNew: false };
      setEditing({ kind: 'aspect', value: a, itemMax: s.max, otherSum: sumCheck({ ...s, aspects: s.aspects.filter((x) => x.key !== a.key) }).sum });
    },
    removeAspect: (s, a) => change(mapSubs((x) => (x.key === s.key ? { ...x, aspects: x.aspects.filter((y) => y.key !== a.key) } : x))),
    judges: (item) => setJudgesOf(item),
  };

  const done = (e: Editing) => {
    const { parent, isNew } = target.current;
    if (e.kind === 'major') change(isNew ? [...draft, { ...e.value }] : draft.map((m) => (m.key === e.value.key ? { ...m, code: e.value.code, name: e.value.name } : m)));
    else if (e.kind === 'sub') {
      change(isNew ? draft.map((m) => (m.key === parent ? { ...m, subs: [...m.subs, e.value] } : m)) : mapSubs((s) => (s.key === e.value.key ? { ...e.value, aspects: s.aspects } : s)));
    } else {
      change(mapSubs((s) => (s.key !== parent ? s : { ...s, aspects: isNew ? [...s.aspects, e.value] : s.aspects.map((a) => (a.key === e.value.key ? e.value : a)) })));
    }
    setEditing(null);
  };
  const addMajor = () => { target.current = { parent: null, isNew: true }; setEditing({ kind: 'major', value: { key: newDraftKey(), id: null, code: '', name: '', subs: [] } }); };

  const submit = async () => {
    const { body, keys } = toBody(draft);
    try {
      const saved = await save.mutateAsync(body);
      reset(saved);
      message.success(t('contests.scheme.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.issues.length) {
        const placed = placeIssues(e.issues, keys);
        setIssues(placed);
        setUnplaced(placed.filter((i) => !i.key).map((i) => i.message).join(' / ') || null);
        message.error(e.message);
      } else setUnplaced(e instanceof Error ? e.message : String(e));
    }
  };

  const runImport = async (file: File) => {
    setImporting(true);
    try {
      const result = await importScheme(id, file);
      if (result.ok) {
        queryClient.setQueryData(['contest-scheme', id], result.scheme);
        reset(result.scheme);
        message.success(t('contests.scheme.imported'));
      } else setImportErrors({ message: result.message, errors: result.errors });
    } catch {
      setImportErrors({ message: t('common.network_error'), errors: [] });
    } finally {
      setImporting(false);
    }
  };
  const exportXlsx = async () => {
    try { message.success(t('contests.scheme.exported', { name: await downloadFile(`/api/contests/${id}/scheme.xlsx`) })); } catch (e) { message.error((e as Error).message); }
  };
  const importButton = (primary = false) => (
    <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => { void runImport(file); return false; }} disabled={importing}>
      <Button icon={<UploadOutlined />} loading={importing} type={primary ? 'primary' : 'default'}>{t('contests.scheme.import')}</Button>
    </Upload>
  );

  return (
    <div className="scheme-page">
      <div className="admin-page-head">
        <h1>{contest.data?.name ?? t('contests.nav.scheme')}</h1>
        <Space wrap>
          {draft.length > 0 && <Button icon={<DownloadOutlined />} onClick={exportXlsx} disabled={dirty}>{t('contests.scheme.export')}</Button>}
          {editable && importButton()}
          {editable && draft.length > 0 && <Button icon={<PlusOutlined />} onClick={addMajor}>{t('contests.scheme.add_major')}</Button>}
        </Space>
      </div>
      <ContestNav contestId={id} />
      {data.me.canManage && data.hasMarks && <Alert type="info" showIcon className="scheme-alert" title={t('contests.scheme.locked_by_marks')} />}
      {!data.me.canManage && <Alert type="info" showIcon className="scheme-alert" title={t('contests.scheme.read_only')} />}
      {data.warnings.length > 0 && !dirty && (
        <Alert type="warning" showIcon className="scheme-alert" title={t('contests.scheme.warnings')} description={<ul className="scheme-warning-list">{data.warnings.map((w) => <li key={w.path}>{w.message}</li>)}</ul>} />
      )}
      {unplaced && <Alert type="error" showIcon className="scheme-alert" title={unplaced} closable={{ onClose: () => setUnplaced(null) }} />}
      {dirty && (
        <Card size="small" className="scheme-savebar">
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text strong>{issues.length ? t('contests.scheme.fix_issues', { count: issues.length }) : t('contests.scheme.unsaved')}</Typography.Text>
            <Space>
              <Button onClick={() => reset(data)}>{t('contests.scheme.discard')}</Button>
              <Button type="primary" loading={save.isPending} onClick={submit} data-testid="scheme-save">{t('common.save')}</Button>
            </Space>
          </Space>
        </Card>
      )}
      {draft.length === 0 ? (
        <Card>
          <Empty description={t(editable ? 'contests.scheme.empty' : 'contests.scheme.empty_readonly')}>
            {editable && (
              <Space wrap style={{ justifyContent: 'center' }}>
                {importButton(true)}
                <Button icon={<PlusOutlined />} onClick={addMajor}>{t('contests.scheme.add_one_by_one')}</Button>
                <Button type="link" icon={<DownloadOutlined />} onClick={exportXlsx}>{t('contests.scheme.template')}</Button>
              </Space>
            )}
          </Empty>
        </Card>
      ) : (
        <SchemeTree draft={draft} saved={data.items} editable={editable} canManage={data.me.canManage} issues={issues} actions={actions} />
      )}
      <SchemeDrawer editing={editing} issues={issues} onClose={() => setEditing(null)} onDone={done} />
      <SchemeJudges contestId={id} item={judgesOf} onClose={() => setJudgesOf(null)} />
      <Modal open={!!importErrors} title={t('contests.scheme.import_failed')} footer={null} onCancel={() => setImportErrors(null)} width={760} destroyOnHidden>
        {importErrors && (
          <>
            <Alert type="error" showIcon title={importErrors.message} style={{ marginBottom: 12 }} />
            {importErrors.errors.length > 0 && (
              <Table<RowError & { key: number }>
                size="small" scroll={{ x: 560 }} pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={importErrors.errors.map((e, key) => ({ ...e, key }))}
                columns={[
                  { title: t('contests.scheme.col.sheet'), dataIndex: 'sheet', width: 110 },
                  { title: t('contests.scheme.col.row'), dataIndex: 'row', width: 60 },
                  { title: t('contests.scheme.col.column'), dataIndex: 'column', width: 120 },
                  { title: t('contests.scheme.col.message'), dataIndex: 'message' },
                ]}
              />
            )}
          </>
        )}
      </Modal>
    </div>
  );
}
