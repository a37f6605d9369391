import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { branchQuery, documentTypesQuery, keys, servicesQuery } from '../../api/queries';
import type { Service, ServiceInput } from '../../api/types';
import { Empty, ErrorMessage, FieldMessages, fieldErrors, FormError, Loading, Screen, TextArea, TextField } from '../../components/ui';
import { pick } from '../../i18n';
import { useLang } from '../../LangContext';
import { useTexts } from '../../texts';

/** One branch: its services, created and edited here. */
export function BranchPage() {
  const t = useTexts();
  const { branchId = '' } = useParams();
  const branch = useQuery(branchQuery(branchId));
  const services = useQuery(servicesQuery(branchId));
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  return (
    <Screen title={t.services.title(branch.data?.name ?? '…')} lead={t.services.lead}>
      <p>
        <Link to="/cabinet/branches">← {t.nav.branches}</Link>
      </p>
      {branch.isError && <ErrorMessage error={branch.error} onRetry={() => branch.refetch()} />}
      {branch.data && <p className="muted">{branch.data.addressText}</p>}
      {editing === null && branch.data && (
        <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
          {t.services.add}
        </button>
      )}
      {editing !== null && (
        <ServiceForm key={editing === 'new' ? 'new' : editing.id} branchId={branchId} service={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
      {services.isPending && <Loading />}
      {services.isError && !branch.isError && <ErrorMessage error={services.error} onRetry={() => services.refetch()} />}
      {services.data && services.data.length === 0 && editing === null && <Empty>{t.services.empty}</Empty>}
      {services.data && services.data.length > 0 && (
        <ul className="cards-list">
          {services.data.map((s) => (
            <ServiceCard key={s.id} service={s} onEdit={() => setEditing(s)} />
          ))}
        </ul>
      )}
    </Screen>
  );
}

function ServiceCard({ service, onEdit }: { service: Service; onEdit: () => void }) {
  const t = useTexts();
  const { lang } = useLang();
  const types = useQuery(documentTypesQuery);
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => api(`/api/v1/services/${service.id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.services(service.branchId) }),
  });
  const title = (code: string) => pick(types.data?.items.find((d) => d.code === code)?.title, lang) || code;
  return (
    <li className="item-card">
      <h2 className="item-card__title">
        <Link to={`/cabinet/services/${service.id}`}>{service.name}</Link>
      </h2>
      <p>{service.documents.map(title).join(', ')}</p>
      <div className="actions">
        <Link className="button button--secondary" to={`/cabinet/services/${service.id}`}>
          {t.services.qrCodes}
        </Link>
        <button type="button" className="button button--secondary" onClick={onEdit}>
          {t.common.edit}
        </button>
        {!confirming && (
          <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
            {t.common.delete}
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-label={t.common.delete}>
          <p>{t.branches.deleteQuestion(service.name)}</p>
          <div className="actions">
            <button type="button" className="button button--danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
              {t.common.confirmDelete}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t.common.cancel}
            </button>
          </div>
          {remove.isError && <ErrorMessage error={remove.error} />}
        </div>
      )}
    </li>
  );
}

export function ServiceForm({ branchId, service, onDone }: { branchId: string; service: Service | null; onDone: () => void }) {
  const t = useTexts();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const types = useQuery(documentTypesQuery);
  const [name, setName] = useState(service?.name ?? '');
  const [documents, setDocuments] = useState<string[]>(service?.documents ?? []);
  const [legalBasis, setLegalBasis] = useState(service?.legalBasis ?? '');
  const [confirmed, setConfirmed] = useState(service?.legalBasisConfirmed ?? false);
  const save = useMutation({
    mutationFn: (body: ServiceInput) =>
      service
        ? api<Service>(`/api/v1/services/${service.id}`, { method: 'PUT', json: body })
        : api<Service>(`/api/v1/branches/${branchId}/services`, { json: body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(keys.service(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: keys.services(branchId) });
      onDone();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    // The server checks the confirmation; sending false lets it say so in its own words.
    save.mutate({ name, documents, legalBasis, legalBasisConfirmed: confirmed as true });
  }

  const nameErrors = fieldErrors(save.error, 'name');
  const examples = save.error instanceof ApiError && Array.isArray(save.error.problem.examples) ? (save.error.problem.examples as string[]) : undefined;
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="service-form-title">
      <h2 id="service-form-title">{service ? `${t.common.edit}: ${service.name}` : t.services.create}</h2>
      <TextField
        label={t.services.name}
        name="serviceName"
        value={name}
        onChange={(e) => setName(e.target.value)}
        hint={
          <>
            {t.services.nameRule} {t.services.nameExamples}
          </>
        }
        errors={[
          ...nameErrors,
          ...(nameErrors.length > 0 && examples?.length
            ? [{ field: 'name', code: 'EXAMPLES', messages: { uk: `${t.services.examplesFromServer} ${examples.map((x) => `«${x}»`).join(', ')}`, en: `${t.services.examplesFromServer} ${examples.map((x) => `“${x}”`).join(', ')}` } }]
            : []),
        ]}
      />
      <fieldset className="fieldset" aria-describedby={fieldErrors(save.error, 'documents').length ? 'documents-error' : undefined}>
        <legend>{t.services.documents}</legend>
        {types.isPending && <Loading />}
        {types.isError && <ErrorMessage error={types.error} onRetry={() => types.refetch()} />}
        {types.data?.items.map((d) => (
          <label key={d.code} className="choice choice--block">
            <input
              type="checkbox"
              name="documents"
              value={d.code}
              checked={documents.includes(d.code)}
              onChange={(e) => setDocuments(e.target.checked ? [...documents, d.code] : documents.filter((c) => c !== d.code))}
            />{' '}
            <span>
              {pick(d.title, lang)}
              {d.legalAct && <span className="muted"> — {d.legalAct}</span>}
            </span>
          </label>
        ))}
        <div id="documents-error">
          <FieldMessages errors={fieldErrors(save.error, 'documents')} />
        </div>
      </fieldset>
      <TextArea label={t.services.legalBasis} hint={t.services.legalBasisHint} name="legalBasis" rows={3} value={legalBasis}
        onChange={(e) => setLegalBasis(e.target.value)} errors={fieldErrors(save.error, 'legalBasis')} />
      <div className="field">
        <label className="choice">
          <input type="checkbox" name="legalBasisConfirmed" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />{' '}
          {t.services.legalBasisConfirmed}
        </label>
        <FieldMessages errors={fieldErrors(save.error, 'legalBasisConfirmed')} />
      </div>
      <FormError error={save.error} fields={['name', 'documents', 'legalBasis', 'legalBasisConfirmed']} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t.common.saving : t.common.save}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t.common.cancel}
        </button>
      </div>
    </form>
  );
}

export default BranchPage;
