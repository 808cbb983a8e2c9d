import { Badge, Tooltip } from 'antd';
import { useT } from '../../../i18n/index.js';
import type { Progress } from './itemsApi.js';

const COLOR = { on_track: 'green', at_risk: 'gold', late: 'red', done: 'blue' } as const;

/** The item's status light with the rule that decided it (and the whole rule) in a tooltip. */
export function StatusLight({ progress }: { progress: Progress }) {
  const t = useT();
  const label = t(`coop.items.status.${progress.status}`) + (progress.awaitingSignOff ? ` · ${t('coop.items.awaiting')}` : '');
  return (
    <Tooltip
      title={<div className="coop-rule-tip"><div>{progress.ruleText}</div><div className="coop-rule-all">{t('coop.items.rule.all')}</div></div>}
    >
      <span className="coop-light" tabIndex={0} data-status={progress.status}>
        <Badge color={COLOR[progress.status]} text={label} />
      </span>
    </Tooltip>
  );
}
