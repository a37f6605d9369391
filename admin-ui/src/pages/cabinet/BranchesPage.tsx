import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { branchesQuery, keys } from '../../api/queries';
import type { Address, Branch, BranchInput } from '../../api/types';
import { Empty, ErrorMessage, FieldMessages, fieldErrors, FormError, Loading, Notice, Screen, TextField } from '../../components/ui';
import { useTexts } from '../../texts';

export function BranchesPage() {
  const t = useTexts();
  const branches = useQuery(branchesQuery);
  const [editing, setEditing] = useState<Branch | 'new' | null>(null);
  return (
    <Screen title={t.branches.title} lead={t.branches.lead}>
      {editing === null && (
        <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
          {t.branches.add}
        </button>
      )}
      {editing !== null && (
        <BranchForm key={editing === 'new' ? 'new' : editing.id} branch={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
      {branches.isPending && <Loading />}
      {branches.isError && <ErrorMessage error={branches.error} onRetry={() => branches.refetch()} />}
      {branches.data && branches.data.length === 0 && editing === null && <Empty>{t.branches.empty}</Empty>}
      {branches.data && branches.data.length > 0 && (
        <ul className="cards-list">
          {branches.data.map((b) => (
            <BranchCard key={b.id} branch={b} onEdit={() => setEditing(b)} />
          ))}
        </ul>
      )}
    </Screen>
  );
}

function BranchCard({ branch, onEdit }: { branch: Branch; onEdit: () => void }) {
  const t = useTexts();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => api(`/api/v1/branches/${branch.id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.branches }),
  });
  return (
    <li className="item-card">
      <h2 className="item-card__title">
        <Link to={`/cabinet/branches/${branch.id}`}>{branch.name}</Link>
      </h2>
      <p>{branch.addressText}</p>
      {branch.email && <p className="muted">{branch.email}</p>}
      <div className="actions">
        <Link className="button button--secondary" to={`/cabinet/branches/${branch.id}`}>
          {t.branches.open}
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
        <div className="confirm" role="alertdialog" aria-label={t.branches.deleteQuestion(branch.name)}>
          <p>{t.branches.deleteQuestion(branch.name)}</p>
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

const PARTS = ['region', 'district', 'locality', 'street', 'house', 'unit'] as const;
type Part = (typeof PARTS)[number];
const EMPTY_ADDRESS: Record<Part, string> = { region: '', district: '', locality: '', street: '', house: '', unit: '' };

function addressOf(branch: Branch | null): Record<Part, string> {
  const a = branch?.address as Partial<Address> | null | undefined;
  if (!a) return EMPTY_ADDRESS;
  return { region: a.region ?? '', district: a.district ?? '', locality: a.locality ?? '', street: a.street ?? '', house: a.house ?? '', unit: a.unit ?? '' };
}

export function BranchForm({ branch, onDone }: { branch: Branch | null; onDone: () => void }) {
  const t = useTexts();
  const queryClient = useQueryClient();
  const [name, setName] = useState(branch?.name ?? '');
  const [custom, setCustom] = useState(branch ? branch.customAddress != null : false);
  const [parts, setParts] = useState(addressOf(branch));
  const [customAddress, setCustomAddress] = useState(branch?.customAddress ?? '');
  const [email, setEmail] = useState(branch?.email ?? '');
  const save = useMutation({
    mutationFn: (body: BranchInput) =>
      branch ? api<Branch>(`/api/v1/branches/${branch.id}`, { method: 'PUT', json: body }) : api<Branch>('/api/v1/branches', { json: body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(keys.branch(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: keys.branches });
      onDone();
    },
  });

  const original = addressOf(branch);
  const addressChanged =
    branch !== null &&
    (custom !== (branch.customAddress != null) ||
      (custom ? customAddress.trim() !== (branch.customAddress ?? '').trim() : PARTS.some((p) => parts[p].trim() !== original[p].trim())));

  function submit(event: FormEvent) {
    event.preventDefault();
    const body: BranchInput = { name };
    if (custom) {
      body.customAddress = customAddress;
    } else {
      const address: Address = { region: parts.region, district: parts.district, locality: parts.locality, street: parts.street, house: parts.house };
      if (parts.unit.trim()) address.unit = parts.unit;
      body.address = address;
    }
    if (email.trim()) body.email = email;
    save.mutate(body);
  }

  const addressErrors = fieldErrors(save.error, 'address').filter((e) => !PARTS.some((p) => e.field === `address.${p}`));
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="branch-form-title">
      <h2 id="branch-form-title">{branch ? t.branches.editTitle(branch.name) : t.branches.create}</h2>
      <TextField label={t.branches.name} name="name" value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrors(save.error, 'name')} />
      <fieldset className="fieldset">
        <legend>{t.branches.addressForm}</legend>
        <label className="choice">
          <input type="radio" name="addressForm" checked={!custom} onChange={() => setCustom(false)} /> {t.branches.structured}
        </label>
        <label className="choice">
          <input type="radio" name="addressForm" checked={custom} onChange={() => setCustom(true)} /> {t.branches.custom}
        </label>
      </fieldset>
      {custom ? (
        <TextField label={t.branches.customAddress} name="customAddress" value={customAddress}
          onChange={(e) => setCustomAddress(e.target.value)} errors={[...fieldErrors(save.error, 'customAddress'), ...addressErrors]} />
      ) : (
        <div className="grid-2">
          {PARTS.map((p) => (
            <TextField key={p} label={p === 'unit' ? `${t.branches.unit} (${t.common.optional})` : t.branches[p]} name={p}
              value={parts[p]} onChange={(e) => setParts({ ...parts, [p]: e.target.value })}
              errors={fieldErrors(save.error, `address.${p}`)} />
          ))}
          <FieldMessages errors={addressErrors} />
        </div>
      )}
      {addressChanged && <Notice tone="warning">{t.branches.addressWarning}</Notice>}
      <TextField label={`${t.branches.email} (${t.common.optional})`} hint={t.branches.emailHint} type="email" name="branchEmail"
        value={email} onChange={(e) => setEmail(e.target.value)} errors={fieldErrors(save.error, 'email')} />
      <FormError error={save.error} fields={['name', 'address', 'customAddress', 'email']} />
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

export default BranchesPage;
