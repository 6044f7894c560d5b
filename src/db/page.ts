/** One page of a list, as every list query returns it: the total and this page's items. */
export interface Page<T> {
  total: number;
  items: T[];
}
