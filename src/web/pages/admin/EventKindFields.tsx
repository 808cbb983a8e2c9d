import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Divider, Form, Input, InputNumber, Select, TimePicker, Typography } from 'antd';
import { ZONE_KINDS, type ZoneKind } from '../../services/seasons.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';

// The parts of the event form that only one kind has: a livestream's link, a forum's agenda and
// speakers, a fair's zones. Field names follow the API so server issues land on them.

// Platform names are proper names, the same in every language.
const PLATFORMS = ['抖音', '快手', '微信视频号', '哔哩哔哩'];

export function LivestreamFields() {
  const t = useT();
  return (
    <>
      <Divider titlePlacement="start">{t('event.livestream')}</Divider>
      <div className="season-form-row">
        <Form.Item name={['livestream', 'platform']} label={t('event.livestream.platform')}>
          <AutoComplete options={PLATFORMS.map((p) => ({ value: p }))} maxLength={50} />
        </Form.Item>
        <Form.Item name={['livestream', 'streamUrl']} label={t('event.livestream.url')} className="grow">
          <Input inputMode="url" placeholder="https://" />
        </Form.Item>
      </div>
    </>
  );
}

export function ForumFields() {
  const t = useT();
  return (
    <>
      <Divider titlePlacement="start">{t('event.forum.agenda')}</Divider>
      <Form.List name={['forum', 'agenda']}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => (
              <div key={field.key} className="season-host-row">
                <Form.Item name={[field.name, 'time']} style={{ width: 110 }}>
                  <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} placeholder="09:30" aria-label={`${t('event.forum.time')} ${field.name + 1}`} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name={[field.name, 'title']} className="grow" rules={[{ required: true, whitespace: true }]} messageVariables={{ label: t('event.forum.topic') }}>
                  <Input placeholder={t('event.forum.topic')} aria-label={`${t('event.forum.topic')} ${field.name + 1}`} maxLength={200} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${field.name + 1}`} onClick={() => remove(field.name)} />
              </div>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '' })}>{t('event.forum.agenda_add')}</Button>
          </>
        )}
      </Form.List>
      <Divider titlePlacement="start">{t('event.forum.speakers')}</Divider>
      <Form.List name={['forum', 'speakers']}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => (
              <div key={field.key} className="season-host-row">
                <Form.Item name={[field.name, 'name']} className="grow" rules={[{ required: true, whitespace: true }]} messageVariables={{ label: t('event.forum.speaker_name') }}>
                  <Input placeholder={t('event.forum.speaker_name')} aria-label={`${t('event.forum.speaker_name')} ${field.name + 1}`} maxLength={50} />
                </Form.Item>
                <Form.Item name={[field.name, 'title']} className="grow">
                  <Input placeholder={t('event.forum.speaker_title')} aria-label={`${t('event.forum.speaker_title')} ${field.name + 1}`} maxLength={100} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${field.name + 1}`} onClick={() => remove(field.name)} />
              </div>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', title: '' })}>{t('event.forum.speaker_add')}</Button>
          </>
        )}
      </Form.List>
    </>
  );
}

interface ZoneValue { kind?: ZoneKind; name?: string; rows?: number | null; cols?: number | null }

/** Booth numbers as the server gives them: booth zones lettered A, B … in order, booths 01 … row by row. */
export function boothRanges(zones: ZoneValue[]): ({ first: string; last: string; count: number } | null)[] {
  let letter = 0;
  return zones.map((z) => {
    if (z?.kind !== 'booths') return null;
    const prefix = String.fromCharCode(65 + letter++);
    const count = (z.rows ?? 0) * (z.cols ?? 0);
    return count > 0 ? { first: `${prefix}01`, last: `${prefix}${String(count).padStart(2, '0')}`, count } : null;
  });
}

/** A zone drawn as its grid of cells (booths in colour), scaled to fit a narrow column. */
function ZoneGrid({ zone }: { zone: ZoneValue }) {
  const rows = Math.min(50, Math.max(0, zone.rows ?? 0));
  const cols = Math.min(50, Math.max(0, zone.cols ?? 0));
  if (!rows || !cols) return null;
  const cell = Math.max(3, Math.min(12, Math.floor(220 / cols) - 1));
  return (
    <div
      className={`season-zone-grid ${zone.kind === 'booths' ? 'booths' : 'area'}`} aria-hidden="true"
      style={{ gridTemplateColumns: `repeat(${cols}, ${cell}px)`, gridAutoRows: `${cell}px` }}
    >
      {Array.from({ length: rows * cols }, (_, i) => <span key={i} />)}
    </div>
  );
}

export function ZoneFields({ zones }: { zones: ZoneValue[] }) {
  const t = useT();
  const ranges = boothRanges(zones ?? []);
  const total = ranges.reduce((sum, r) => sum + (r?.count ?? 0), 0);
  return (
    <>
      <Divider titlePlacement="start">{t('event.zones')}</Divider>
      <Typography.Paragraph type="secondary">{t('event.zones.hint')}</Typography.Paragraph>
      <Form.List name="zones">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => {
              const zone = zones?.[field.name] ?? {};
              const range = ranges[field.name];
              const n = field.name + 1;
              return (
                <div key={field.key} className="season-zone">
                  <div className="season-zone-fields">
                    <Form.Item name={[field.name, 'kind']} label={t('event.zones.kind')}>
                      <Select aria-label={`${t('event.zones.kind')} ${n}`} style={{ width: 170 }} options={ZONE_KINDS.map((k) => ({ value: k, label: t(`event.zone.${k}` as UiKey) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name']} label={t('event.zones.name')} className="grow" rules={[{ required: true, whitespace: true, max: 50 }]}>
                      <Input aria-label={`${t('event.zones.name')} ${n}`} maxLength={50} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'rows']} label={t('event.zones.rows')} rules={[{ required: true }]}>
                      <InputNumber aria-label={`${t('event.zones.rows')} ${n}`} min={1} max={50} precision={0} style={{ width: 80 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'cols']} label={t('event.zones.cols')} rules={[{ required: true }]}>
                      <InputNumber aria-label={`${t('event.zones.cols')} ${n}`} min={1} max={50} precision={0} style={{ width: 80 }} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${n}`} onClick={() => remove(field.name)} className="season-zone-remove" />
                  </div>
                  <div className="season-zone-preview">
                    <ZoneGrid zone={zone} />
                    <Typography.Text type="secondary">
                      {range ? t('event.zones.booths', { first: range.first, last: range.last, n: range.count }) : zone.kind && zone.kind !== 'booths' ? t('event.zones.no_booths') : ''}
                    </Typography.Text>
                  </div>
                </div>
              );
            })}
            <Form.ErrorList errors={errors} />
            {fields.length < 20 && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'booths', name: t('event.zone.booths'), rows: 2, cols: 10 })}>{t('event.zones.add')}</Button>
            )}
            {total > 0 && <Typography.Paragraph strong style={{ marginTop: 12 }}>{t('event.zones.total', { n: total })}</Typography.Paragraph>}
          </>
        )}
      </Form.List>
    </>
  );
}
