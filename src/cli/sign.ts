/** `twiml-jsx sign`: not built yet. */
import { type CliCommand, CliError } from './io.js'

export const command: CliCommand = {
  usage: 'twiml-jsx sign',
  help: 'Not built yet.',
  async run() {
    throw new CliError('not built yet')
  },
}
