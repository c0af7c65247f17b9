/** `twiml-jsx dev`: not built yet. */
import { type CliCommand, CliError } from './io.js'

export const command: CliCommand = {
  usage: 'twiml-jsx dev',
  help: 'Not built yet.',
  async run() {
    throw new CliError('not built yet')
  },
}
