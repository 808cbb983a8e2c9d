import type { MessageKey, MessageParams } from '../../../shared/i18n/index.js';
import { formatCount, renderPdf, type CjkFonts, type Pdf, type PdfOutput } from '../../platform/pdf.js';

// The meeting pack (会议材料, issue 7 §3): an A4 document for the joint conference — a cover with
// the facts and who attends, the agenda, the progress of every work item of the meeting's year by
// area (as itemProgress computed it: value / target, percent, status light), the exchange speeches,
// field visits and activities, and the decisions with the items they drive.

export type Translate = (key: MessageKey, params?: MessageParams) => string;
export type Light = 'done' | 'late' | 'at_risk' | 'on_track';

export interface PackItem {
  code: string; title: string; value: number; target: number; unit: string; percent: number; status: Light; awaitingSignOff: boolean;
}
export interface PackData {
  title: string;
  agreementTitle: string;
  heldOn: string;
  place: string;
  host: string;
  status: 'planned' | 'held';
  /** Attendees grouped by their union or organisation, in the order first named. */
  attendees: { group: string; people: { name: string; position: string }[] }[];
  agenda: { startsAt: string; title: string; presenter: string }[];
  year: number;
  areas: { name: string; items: PackItem[] }[];
  speeches: { title: string; union: string; speaker: string; body: string; file: string | null }[];
  visits: { kind: 'visit' | 'activity'; site: string; purpose: string }[];
  decisions: { text: string; owner: string; dueOn: string | null; item: { code: string; title: string } | null }[];
  minutes: string;
  generatedAt: string;
}

export const LIGHT_COLORS: Record<Light, string> = { on_track: '#16a34a', at_risk: '#d97706', late: '#dc2626', done: '#2563eb' };
const GREY = '#6b7280';
const INK = '#111827';
const ACCENT = '#1d4ed8';
const LINE = '#e5e7eb';

/** A number as the pack prints it: thousands separated, at most two decimals. */
export const formatFigure = (n: number): string => formatCount(Math.round(n * 100) / 100);
/** The figures of an item exactly as printed (tests compare them with itemProgress). */
export const itemFigures = (i: Pick<PackItem, 'value' | 'target' | 'unit' | 'percent'>) => ({
  progress: `${formatFigure(i.value)} / ${formatFigure(i.target)}${i.unit ? ` ${i.unit}` : ''}`,
  percent: `${i.percent}%`,
});

export function chineseDate(t: Translate, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return t('coop.meetings.pack.date', { y, m, d, iso });
}

function cover(pdf: Pdf, data: PackData, t: Translate) {
  const { doc } = pdf;
  doc.rect(0, 0, doc.page.width, 8).fill(ACCENT);
  doc.y = pdf.top + 40;
  pdf.font('regular', 10, GREY).text(data.agreementTitle, pdf.left, doc.y, { width: pdf.width });
  doc.moveDown(0.8);
  pdf.font('bold', 24, INK).text(data.title, pdf.left, doc.y, { width: pdf.width });
  doc.moveDown(0.2);
  pdf.font('regular', 14, ACCENT).text(t('coop.meetings.pack.subtitle'), pdf.left, doc.y, { width: pdf.width });
  doc.moveDown(0.8);
  doc.moveTo(pdf.left, doc.y).lineTo(pdf.left + pdf.width, doc.y).lineWidth(1).stroke(LINE);
  doc.moveDown(0.8);
  const facts: [MessageKey, string][] = [
    ['coop.meetings.pack.held_on', chineseDate(t, data.heldOn)],
    ['coop.meetings.pack.place', data.place || '—'],
    ['coop.meetings.pack.host', data.host],
    ['coop.meetings.pack.status', t(`coop.meetings.status.${data.status}`)],
  ];
  for (const [label, value] of facts) {
    const y = doc.y;
    pdf.font('regular', 11, GREY).text(t(label), pdf.left, y, { width: 70 });
    pdf.font('regular', 11, INK).text(value, pdf.left + 70, y, { width: pdf.width - 70 });
    doc.y = Math.max(doc.y, y + 18) + 4;
  }
  pdf.font('regular', 8.5, GREY).text(t('coop.meetings.pack.generated_at', { at: data.generatedAt }), pdf.left, doc.y + 2, { width: pdf.width });
  doc.moveDown(1.2);
  pdf.font('bold', 13, INK).text(t('coop.meetings.pack.attendees', { count: data.attendees.reduce((n, g) => n + g.people.length, 0) }), pdf.left, doc.y, { width: pdf.width });
  doc.moveDown(0.4);
  if (!data.attendees.length) pdf.font('regular', 10.5, GREY).text(t('coop.meetings.pack.none'), pdf.left, doc.y, { width: pdf.width });
  // One line per union (or guests' organisation): its name, then its people.
  const groupW = 150;
  for (const group of data.attendees) {
    const names = group.people.map((p) => (p.position ? t('coop.meetings.pack.person', { name: p.name, position: p.position }) : p.name)).join('、');
    pdf.font('regular', 9.5);
    const h = Math.max(pdf.heightOf(names, { width: pdf.width - groupW, lineGap: 1.5 }), pdf.heightOf(group.group, { width: groupW - 8 }));
    pdf.ensureSpace(h + 5);
    const y = doc.y;
    pdf.font('bold', 9.5, INK).text(group.group, pdf.left, y, { width: groupW - 8 });
    pdf.font('regular', 9.5, '#374151').text(names, pdf.left + groupW, y, { width: pdf.width - groupW, lineGap: 1.5 });
    doc.y = y + h + 5;
  }
  doc.x = pdf.left;
  doc.moveDown(1);
  const sections = SECTIONS(data);
  // The contents only where they still fit on the cover.
  if (doc.y + 30 + sections.length * 17 > pdf.bottom) return;
  pdf.font('bold', 11, INK).text(t('coop.meetings.pack.contents'), pdf.left, doc.y, { width: pdf.width });
  doc.moveDown(0.3);
  for (const key of sections) pdf.font('regular', 10.5, '#374151').text(t(key), pdf.left + 12, doc.y, { width: pdf.width - 12, lineGap: 3 });
}

/** The numbered sections the pack holds (the minutes only when written). */
const SECTIONS = (data: PackData): MessageKey[] => [
  'coop.meetings.pack.section.agenda', 'coop.meetings.pack.section.progress', 'coop.meetings.pack.section.speeches',
  'coop.meetings.pack.section.visits', 'coop.meetings.pack.section.decisions', ...(data.minutes ? ['coop.meetings.pack.section.minutes' as const] : []),
];

function progressSection(pdf: Pdf, data: PackData, t: Translate) {
  const { doc } = pdf;
  const all = data.areas.flatMap((a) => a.items);
  const count = (s: Light) => all.filter((i) => i.status === s).length;
  pdf.keyFigures([
    { label: t('coop.meetings.pack.items_total', { year: data.year }), value: all.length },
    ...(['done', 'on_track', 'at_risk', 'late'] as const).map((s) => ({ label: t(`coop.items.status.${s}`), value: count(s) })),
  ]);
  if (!all.length) {
    pdf.font('regular', 10, GREY).text(t('coop.meetings.pack.no_items', { year: data.year }), pdf.left, doc.y, { width: pdf.width });
    doc.moveDown(0.6);
    return;
  }
  // code | item | value / target | percent with a bar | light and label
  const w = [58, pdf.width - 58 - 92 - 86 - 92, 92, 86, 92];
  const x = w.map((_, i) => pdf.left + w.slice(0, i).reduce((a, b) => a + b, 0));
  const header = () => {
    const y = doc.y;
    doc.rect(pdf.left, y, pdf.width, 18).fill('#eef2f7');
    pdf.font('bold', 8.5, INK);
    (['code', 'item', 'progress', 'percent', 'status'] as const).forEach((k, i) => pdf.text(t(`coop.meetings.pack.col.${k}`), x[i]! + 4, y + 5, { lineBreak: false }));
    doc.y = y + 18;
  };
  for (const area of data.areas) {
    pdf.ensureSpace(70);
    doc.moveDown(0.4);
    pdf.font('bold', 11, ACCENT).text(area.name, pdf.left, doc.y, { width: pdf.width });
    doc.moveDown(0.2);
    header();
    area.items.forEach((item, n) => {
      pdf.font('regular', 9, INK);
      const titleH = pdf.heightOf(item.title, { width: w[1]! - 8 });
      const h = Math.max(titleH, item.awaitingSignOff ? 22 : 12) + 10;
      if (doc.y + h > pdf.bottom) { doc.addPage(); header(); }
      const y = doc.y;
      if (n % 2 === 1) doc.rect(pdf.left, y, pdf.width, h).fill('#fafbfc');
      const figures = itemFigures(item);
      pdf.font('regular', 9, GREY).text(item.code, x[0]! + 4, y + 5, { lineBreak: false });
      pdf.font('regular', 9, INK).text(item.title, x[1]! + 4, y + 5, { width: w[1]! - 8 });
      pdf.font('regular', 9, INK).text(figures.progress, x[2]! + 4, y + 5, { lineBreak: false });
      pdf.font('bold', 9, INK).text(figures.percent, x[3]! + 4, y + 5, { lineBreak: false });
      const barX = x[3]! + 42;
      const barW = w[3]! - 48;
      doc.roundedRect(barX, y + 8, barW, 5, 2.5).fill('#e5e7eb');
      if (item.percent > 0) doc.roundedRect(barX, y + 8, Math.max(5, (barW * item.percent) / 100), 5, 2.5).fill(LIGHT_COLORS[item.status]);
      doc.circle(x[4]! + 9, y + 10, 4).fill(LIGHT_COLORS[item.status]);
      pdf.font('regular', 9, INK).text(t(`coop.items.status.${item.status}`), x[4]! + 17, y + 5, { lineBreak: false });
      if (item.awaitingSignOff) pdf.font('regular', 7.5, GREY).text(t('coop.meetings.pack.awaiting'), x[4]! + 17, y + 16, { lineBreak: false });
      doc.moveTo(pdf.left, y + h).lineTo(pdf.left + pdf.width, y + h).lineWidth(0.5).stroke(LINE);
      doc.y = y + h;
    });
  }
  doc.x = pdf.left;
  doc.moveDown(0.6);
}

function speechesSection(pdf: Pdf, data: PackData, t: Translate) {
  const { doc } = pdf;
  if (!data.speeches.length) pdf.font('regular', 10, GREY).text(t('coop.meetings.pack.none'), pdf.left, doc.y, { width: pdf.width });
  data.speeches.forEach((s, i) => {
    pdf.ensureSpace(80);
    doc.moveDown(0.5);
    pdf.font('bold', 11.5, INK).text(`${i + 1}. ${s.title}`, pdf.left, doc.y, { width: pdf.width });
    pdf.font('regular', 9.5, ACCENT).text(s.speaker ? t('coop.meetings.pack.speaker', { union: s.union, speaker: s.speaker }) : s.union, pdf.left, doc.y + 2, { width: pdf.width });
    doc.moveDown(0.3);
    for (const para of s.body.split(/\n+/).map((p) => p.trim()).filter(Boolean)) {
      pdf.font('regular', 10, '#374151').text(para, pdf.left, doc.y, { width: pdf.width, lineGap: 3, indent: 20 });
      doc.moveDown(0.3);
    }
    if (s.file) pdf.font('regular', 9, GREY).text(t('coop.meetings.pack.attachment', { name: s.file }), pdf.left, doc.y, { width: pdf.width });
    doc.moveDown(0.3);
  });
  doc.moveDown(0.4);
}

/** The meeting pack as an A4 PDF: cover, then the sections in order with page numbers at the foot. */
export function buildMeetingPack(data: PackData, fonts: CjkFonts, t: Translate): Promise<PdfOutput> {
  return renderPdf({
    fonts, title: `${data.title} · ${t('coop.meetings.pack.subtitle')}`, margin: 42,
    footer: (page, pages) => t('coop.meetings.pack.footer', { title: data.title, page, pages }),
  }, (pdf) => {
    cover(pdf, data, t);
    pdf.doc.addPage();
    pdf.heading(t('coop.meetings.pack.section.agenda'));
    pdf.table(
      [{ header: t('coop.meetings.pack.col.time'), weight: 1.1 }, { header: t('coop.meetings.pack.col.agenda'), weight: 6 }, { header: t('coop.meetings.pack.col.presenter'), weight: 2.6 }],
      data.agenda.map((a) => [a.startsAt || '—', a.title, a.presenter || '—']),
      { fontSize: 9.5, empty: t('coop.meetings.pack.none') },
    );
    pdf.heading(t('coop.meetings.pack.section.progress'), t('coop.meetings.pack.progress_note', { year: data.year }));
    progressSection(pdf, data, t);
    pdf.heading(t('coop.meetings.pack.section.speeches'));
    speechesSection(pdf, data, t);
    pdf.heading(t('coop.meetings.pack.section.visits'));
    pdf.table(
      [{ header: t('coop.meetings.pack.col.kind'), weight: 1.2 }, { header: t('coop.meetings.pack.col.site'), weight: 4 }, { header: t('coop.meetings.pack.col.purpose'), weight: 5 }],
      data.visits.map((v) => [t(`coop.meetings.visit.${v.kind}`), v.site, v.purpose || '—']),
      { fontSize: 9.5, empty: t('coop.meetings.pack.none') },
    );
    pdf.heading(t('coop.meetings.pack.section.decisions'));
    pdf.table(
      [{ header: '#', weight: 0.5, align: 'right' }, { header: t('coop.meetings.pack.col.decision'), weight: 5.5 }, { header: t('coop.meetings.pack.col.owner'), weight: 2 },
        { header: t('coop.meetings.pack.col.due'), weight: 1.6 }, { header: t('coop.meetings.pack.col.item_link'), weight: 3 }],
      data.decisions.map((d, i) => [i + 1, d.text, d.owner || '—', d.dueOn ?? '—', d.item ? `${d.item.code} ${d.item.title}` : '—']),
      { fontSize: 9, empty: t('coop.meetings.pack.none') },
    );
    if (data.minutes) {
      pdf.heading(t('coop.meetings.pack.section.minutes'));
      for (const para of data.minutes.split(/\n+/).map((p) => p.trim()).filter(Boolean)) {
        pdf.font('regular', 10, '#374151').text(para, pdf.left, pdf.doc.y, { width: pdf.width, lineGap: 3, indent: 20 });
        pdf.doc.moveDown(0.3);
      }
    }
  });
}
