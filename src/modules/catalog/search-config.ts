// Which PostgreSQL text-search configuration reads each language (see migrations/0002_catalog.sql):
// French and English stem words; the other languages are matched word for word. All ignore accents.
export function searchConfigOf(locale: string): 'guichet_fr' | 'guichet_en' | 'guichet_simple' {
  if (locale === 'fr') return 'guichet_fr';
  if (locale === 'en') return 'guichet_en';
  return 'guichet_simple';
}
