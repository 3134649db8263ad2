import type { InterventionStatus } from '@dampingan/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.id.ts';
import { formatRupiah } from '../lib/format.ts';
import { Badge } from './feedback.tsx';

const STATUS_TONE = { planned: 'muted', in_progress: 'info', done: 'ok', cancelled: 'danger' } as const;

/** An intervention's progress as a coloured badge. */
export function InterventionStatusBadge({ status }: { status: InterventionStatus }) {
  const { t } = useI18n();
  return <Badge tone={STATUS_TONE[status]}>{t(`workspace.delivery.status.${status}` as MessageKey)}</Badge>;
}

/** A table cell with an intervention's total cost and, under it, the amount from each funding source. */
export function InterventionCostCell({
  totalCost,
  costs,
}: {
  totalCost: number;
  costs: readonly { fundingSource: string; amount: number }[];
}) {
  const { t, locale } = useI18n();
  return (
    <td className="num">
      {formatRupiah(totalCost, locale)}
      {costs.map((c) => (
        <div key={c.fundingSource} className="muted">
          {t(`workspace.plan.funding.${c.fundingSource}` as MessageKey)}: {formatRupiah(c.amount, locale)}
        </div>
      ))}
    </td>
  );
}
