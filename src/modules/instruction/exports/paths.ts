// The addresses of exports, in one place.
export const EXPORTS_PATH = '/agent/exports';
export const exportFilePath = (id: string) => `${EXPORTS_PATH}/${id}/fichier`;
export const deleteSetPath = (id: string) => `${EXPORTS_PATH}/jeux/${id}/suppression`;

export function exportsHref(params: Record<string, string | undefined>, hash = ''): string {
  const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return `${EXPORTS_PATH}${qs ? `?${qs}` : ''}${hash}`;
}
