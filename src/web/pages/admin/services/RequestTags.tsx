import { Tag } from 'antd';
import { useT } from '../../../i18n/index.js';
import type { RequestStatus, SlaState } from '../../m/services/requestsApi.js';

// The queue's colours: where a request stands against its first-answer promise, and its status.

const SLA_COLOR: Record<SlaState, string> = { on_time: 'green', due_soon: 'orange', overdue: 'red', met: 'geekblue', missed: 'volcano' };
const STATUS_COLOR: Record<RequestStatus, string> = { open: 'gold', assigned: 'blue', answered: 'green', closed: 'default', reopened: 'magenta' };

export function RequestSlaTag({ sla }: { sla: SlaState }) {
  const t = useT();
  return <Tag color={SLA_COLOR[sla]} data-sla={sla}>{t(`services.requests.web.sla.${sla}`)}</Tag>;
}

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`services.requests.web.status.${status}`)}</Tag>;
}
