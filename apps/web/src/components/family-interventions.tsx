import { deliveryApi } from '../api/workspace-delivery.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../lib/format.ts';
import { useLoad } from '../lib/use-load.ts';
import { Badge, ErrorAlert, Loading } from './feedback.tsx';
import { InterventionCostCell, InterventionStatusBadge } from './intervention-cells.tsx';

/** Convergence: every intervention from every OPD/pairing that reached this family ("Intervensi dari semua OPD"). */
export function FamilyInterventions({ familyId }: { familyId: number }) {
  const { t, locale } = useI18n();
  const list = useLoad(() => deliveryApi.forFamily(familyId), [familyId]);
  return (
    <section className="card table-card" aria-labelledby="family-interventions">
      <h2 id="family-interventions">{t('workspace.delivery.convergence.title')}</h2>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {!list.data && !list.error ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? <p className="muted">{t('workspace.delivery.convergence.empty')}</p> : null}
      {list.data?.items.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('workspace.delivery.date')}</th>
                <th scope="col">{t('workspace.delivery.activity')}</th>
                <th scope="col">{t('workspace.delivery.opd')}</th>
                <th scope="col">{t('workspace.delivery.convergence.where')}</th>
                <th scope="col">{t('workspace.delivery.convergence.person')}</th>
                <th scope="col" className="num">
                  {t('workspace.delivery.cost')}
                </th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((i) => (
                <tr key={i.interventionId}>
                  <td>{formatDate(i.deliveredOn, locale)}</td>
                  <td>
                    {i.title}
                    <div className="muted">
                      <code>{i.helpType}</code>
                    </div>
                    {i.duplicate ? <Badge tone="warn">{t('workspace.delivery.duplicate')}</Badge> : null}
                  </td>
                  <td>{i.opdName}</td>
                  <td>
                    <a href={`/pendampingan/${i.pairingId}/intervensi`}>
                      {i.villageName} · {i.year}
                    </a>
                  </td>
                  <td>{i.personName ?? t('workspace.delivery.convergence.family')}</td>
                  <InterventionCostCell totalCost={i.totalCost} costs={i.costs} />
                  <td>
                    <InterventionStatusBadge status={i.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
