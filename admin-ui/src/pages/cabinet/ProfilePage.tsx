import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { keys, partnerQuery } from '../../api/queries';
import type { Partner, ProfileUpdate } from '../../api/types';
import { ErrorMessage, fieldErrors, FormError, Loading, Screen, TextField } from '../../components/ui';
import { useTexts } from '../../texts';

const FIELDS = ['email', 'phone', 'passport'];

export function ProfilePage() {
  const t = useTexts();
  const partner = useQuery(partnerQuery);
  return (
    <Screen title={t.profile.title} lead={t.profile.lead}>
      {partner.isPending && <Loading />}
      {partner.isError && <ErrorMessage error={partner.error} onRetry={() => partner.refetch()} />}
      {partner.data && <ProfileForm partner={partner.data} />}
    </Screen>
  );
}

function ProfileForm({ partner }: { partner: Partner }) {
  const t = useTexts();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(partner.email ?? '');
  const [phone, setPhone] = useState(partner.phone ?? '');
  const [passport, setPassport] = useState('');
  const save = useMutation({
    mutationFn: (body: ProfileUpdate) => api<Partner>('/api/v1/partner/profile', { method: 'PUT', json: body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.partner, saved);
      navigate(saved.offer.accepted ? '/cabinet/branches' : '/cabinet/offer');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ email, phone, ...(passport.trim() ? { passport } : {}) });
  }

  return (
    <>
      <dl className="facts panel">
        <dt>{t.profile.organisation}</dt>
        <dd>
          {partner.name}
          {partner.edrpou && ` (ЄДРПОУ ${partner.edrpou})`}
        </dd>
        <dt>{t.profile.head}</dt>
        <dd>{partner.headName}</dd>
      </dl>
      <form className="form panel" onSubmit={submit} noValidate>
        <TextField label={t.profile.email} hint={t.profile.emailHint} type="email" name="email" autoComplete="email"
          value={email} onChange={(e) => setEmail(e.target.value)} errors={fieldErrors(save.error, 'email')} />
        <TextField label={t.profile.phone} hint={t.profile.phoneHint} type="tel" name="phone" autoComplete="tel"
          value={phone} onChange={(e) => setPhone(e.target.value)} errors={fieldErrors(save.error, 'phone')} />
        <TextField label={t.profile.passport} name="passport" autoComplete="off" value={passport}
          hint={partner.passport ? `${t.profile.passportHint} ${t.profile.passportStored(partner.passport.number)}` : t.profile.passportHint}
          onChange={(e) => setPassport(e.target.value)} errors={fieldErrors(save.error, 'passport')} />
        <FormError error={save.error} fields={FIELDS} />
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t.common.saving : t.common.save}
        </button>
      </form>
    </>
  );
}

export default ProfilePage;
