// Keyword rule: the body must (or must not) contain a string.
import type { FailureCause, HttpProbe } from './types';

export type KeywordRule = Pick<HttpProbe, 'keyword' | 'keywordMode' | 'keywordCaseSensitive'>;

export type KeywordResult = { success: true } | { success: false; cause: FailureCause; message: string };

export function evaluateKeyword(body: string, rule: KeywordRule): KeywordResult {
  const { keyword, keywordMode, keywordCaseSensitive } = rule;
  if (!keyword) return { success: true };
  const found = keywordCaseSensitive
    ? body.includes(keyword)
    : body.toLowerCase().includes(keyword.toLowerCase());
  if (keywordMode === 'present' && !found) {
    return { success: false, cause: 'keyword_missing', message: `Keyword "${keyword}" not found in response` };
  }
  if (keywordMode === 'absent' && found) {
    return { success: false, cause: 'keyword_present', message: `Keyword "${keyword}" found in response` };
  }
  return { success: true };
}
