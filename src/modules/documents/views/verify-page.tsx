// /verifier: a verifier (police, bank, employer) types or pastes the code printed under a document's QR code,
// or lands here from the QR code itself, and reads VALID with the signed facts, REVOKED, or NOT VALID with why.
// A plain GET form: no account, no JavaScript, nothing stored.
import { Layout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { Verification, SignedFacts } from '../service.ts';
import { KEYS_FILE, VERIFY_PAGE } from '../paths.ts';
import { scanScript } from '../scan-asset.ts';

export type VerifyOutcome = Verification | { status: 'empty' } | null;

export function VerifyPage({ ctx, code, outcome }: { ctx: PageContext; code: string; outcome: VerifyOutcome }) {
  const { t } = ctx.i18n;
  const empty = outcome?.status === 'empty';
  return (
    <Layout ctx={ctx} title={t('documents.verify.title')} breadcrumb={[{ href: '/', label: t('nav.home') }, { label: t('documents.verify.title') }]}>
      <h1>{t('documents.verify.title')}</h1>
      {outcome && outcome.status !== 'empty' && <Result ctx={ctx} outcome={outcome} />}
      <p>{t('documents.verify.intro')}</p>
      <form
        method="get"
        action={VERIFY_PAGE}
        class="card"
        data-scan={t('documents.scan.start')}
        data-scan-stop={t('documents.scan.stop')}
        data-scan-aim={t('documents.scan.aim')}
        data-scan-found={t('documents.scan.found')}
        data-scan-denied={t('documents.scan.denied')}
      >
        <div class={empty ? 'field invalid' : 'field'}>
          <label for="f-code">{t('documents.verify.label')}</label>
          <p class="hint" id="f-code-hint">
            {t('documents.verify.hint')}
          </p>
          {empty && (
            <p class="error" id="f-code-error">
              {t('documents.verify.reason.empty')}
            </p>
          )}
          <textarea
            id="f-code"
            name="code"
            rows={4}
            maxLength={2000}
            spellcheck={false}
            autocapitalize="characters"
            autocomplete="off"
            aria-describedby={empty ? 'f-code-hint f-code-error' : 'f-code-hint'}
            aria-invalid={empty ? 'true' : undefined}
          >
            {code}
          </textarea>
        </div>
        <button type="submit">{t('documents.verify.submit')}</button>
      </form>
      <p>
        {t('documents.verify.offline')} <a href={KEYS_FILE}>{t('documents.verify.keys')}</a>
      </p>
      <script src={scanScript.href} defer />
    </Layout>
  );
}

function Result({ ctx, outcome }: { ctx: PageContext; outcome: Verification }) {
  const { t } = ctx.i18n;
  if (outcome.status === 'invalid') {
    return (
      <section class="notice warning verdict" role="alert" aria-labelledby="verdict">
        <h2 id="verdict">{t('documents.verify.invalid')}</h2>
        <p>{t('documents.verify.invalidlead')}</p>
        <p>{t(`documents.verify.reason.${outcome.reason}` as MessageKey)}</p>
      </section>
    );
  }
  const issuer = outcome.facts.issuer.name;
  if (outcome.status === 'revoked') {
    return (
      <section class="notice warning verdict" role="alert" aria-labelledby="verdict">
        <h2 id="verdict">{t('documents.verify.revoked')}</h2>
        <p>{t('documents.verify.revokedlead', { issuer, date: ctx.i18n.dateTime(outcome.revokedAt) })}</p>
        {outcome.reason && <p>{t('documents.verify.revokedreason', { reason: outcome.reason })}</p>}
        <Facts ctx={ctx} facts={outcome.facts} />
      </section>
    );
  }
  return (
    <section class="notice success verdict" role="status" aria-labelledby="verdict">
      <h2 id="verdict">{t('documents.verify.valid')}</h2>
      <p>{t('documents.verify.validlead', { issuer })}</p>
      {outcome.facts.expired && outcome.facts.expiresOn && <p>{t('documents.verify.expired', { date: day(ctx, outcome.facts.expiresOn) })}</p>}
      <Facts ctx={ctx} facts={outcome.facts} />
    </section>
  );
}

function Facts({ ctx, facts }: { ctx: PageContext; facts: SignedFacts }) {
  const { t } = ctx.i18n;
  const row = (label: MessageKey, value: string | null) =>
    value ? (
      <>
        <dt>{t(label)}</dt>
        <dd>{value}</dd>
      </>
    ) : null;
  return (
    <dl class="facts">
      {row('documents.fact.kind', t(`documents.kind.${facts.kind}` as MessageKey))}
      {row('documents.fact.title', facts.title)}
      {row('documents.fact.reference', facts.reference)}
      {row('documents.fact.holder', facts.holderName)}
      {row('documents.fact.birthdate', facts.holderBirthDate && day(ctx, facts.holderBirthDate))}
      {row('documents.fact.issued', ctx.i18n.dateTime(facts.issuedAt))}
      {row('documents.fact.expires', facts.expiresOn && day(ctx, facts.expiresOn))}
      {row('documents.fact.issuer', facts.issuer.name)}
      {row('documents.fact.key', facts.issuer.keyId)}
    </dl>
  );
}

/** A calendar date (yyyy-mm-dd) as written in the reader's language, never shifted by a time zone. */
function day(ctx: PageContext, iso: string): string {
  const locale = ctx.i18n.locale === 'en' ? 'en-GB' : 'fr-FR';
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
}
