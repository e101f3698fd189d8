// Guichet: optional help on the payment page (src/modules/payments/views/payment-page.tsx). While the payer
// confirms on the phone, asks the server every few seconds whether the payment is settled and, once it is,
// shows the page again (which then leads to the filed dossier or says what went wrong). Without it, the
// "Vérifier à nouveau" button does the same. Plain ES2017; stops after 20 minutes.
(() => {
  'use strict';
  const el = document.querySelector('[data-payment-state]');
  if (!el || !window.fetch) return;
  const url = el.getAttribute('data-payment-state');
  const every = 5000;
  let left = (20 * 60 * 1000) / every;
  const ask = () => {
    if (left-- <= 0) return;
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' }, cache: 'no-store' })
      .then((res) => (res.ok ? res.json() : { waiting: true }))
      .then((state) => (state.waiting ? setTimeout(ask, every) : window.location.reload()))
      .catch(() => setTimeout(ask, every * 2));
  };
  setTimeout(ask, every);
})();
