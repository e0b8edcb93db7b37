// The error of a file that cannot be read at all, with the place where that is known (sheet, row, column).
export class FileError extends Error {
  override name = 'FileError'
  constructor(
    message: string,
    public place: { sheet?: string | null; row?: number; column?: string } = {},
  ) {
    super(message)
  }
}
