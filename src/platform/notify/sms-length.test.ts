import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smsEncoding, smsLength } from './sms-length.ts';

test('French accents of the GSM alphabet keep 7-bit; œ, ê, ç and the typographic apostrophe force UCS-2', () => {
  assert.equal(smsEncoding('Votre dossier est déposé, accepté à Niamey. Reçu ? Non.'), 'ucs2', 'ç is not in GSM 03.38');
  assert.equal(smsEncoding('Votre dossier est déposé, accepté à Niamey.'), 'gsm7');
  assert.equal(smsEncoding('Ça marche'), 'gsm7', 'capital Ç is');
  for (const ch of ['œ', '’', 'ê', 'ç', 'Ɗ', '😀']) assert.equal(smsEncoding(`Dossier ${ch}`), 'ucs2', ch);
  assert.deepEqual(smsLength('l’œuvre l’est').nonGsm, ['’', 'œ']);
});

test('GSM-7: 160 septets in one SMS, then parts of 153', () => {
  assert.deepEqual(smsLength('').segments, 0);
  assert.equal(smsLength('é'.repeat(160)).segments, 1);
  assert.equal(smsLength('é'.repeat(161)).segments, 2);
  assert.equal(smsLength('a'.repeat(306)).segments, 2);
  assert.equal(smsLength('a'.repeat(307)).segments, 3);
  assert.equal(smsLength('a'.repeat(459)).segments, 3);
  assert.equal(smsLength('a'.repeat(460)).segments, 4);
});

test('GSM-7 extension characters cost two septets and are never split between parts', () => {
  assert.deepEqual(smsLength('€'.repeat(80)), { encoding: 'gsm7', units: 160, segments: 1, nonGsm: [] });
  assert.equal(smsLength('a' + '€'.repeat(80)).segments, 2);
  // 152 septets then an escape pair: it cannot straddle parts, so the pair opens the second part.
  const text = 'a'.repeat(152) + '{' + 'a'.repeat(152);
  assert.equal(smsLength(text).units, 306);
  assert.equal(smsLength(text).segments, 3);
});

test('UCS-2: 70 characters in one SMS, then parts of 67; an emoji takes two units', () => {
  assert.equal(smsLength('œ'.repeat(70)).segments, 1);
  assert.equal(smsLength('œ'.repeat(71)).segments, 2);
  assert.equal(smsLength('œ'.repeat(134)).segments, 2);
  assert.equal(smsLength('œ'.repeat(135)).segments, 3);
  assert.equal(smsLength('œ'.repeat(201)).segments, 3);
  assert.equal(smsLength('œ'.repeat(202)).segments, 4);
  assert.deepEqual(smsLength('😀'.repeat(35)), { encoding: 'ucs2', units: 70, segments: 1, nonGsm: ['😀'] });
  // 66 units then a surrogate pair: the pair does not fit in the first part's last unit.
  assert.equal(smsLength('œ'.repeat(66) + '😀' + 'œ'.repeat(66)).segments, 3);
});
