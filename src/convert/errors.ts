/** The input cannot be converted: malformed XML, an unclosed Bin section, a Studio flow without states. */
export class ConvertError extends Error {
  override name = 'ConvertError'
}
