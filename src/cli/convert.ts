/** `twiml-jsx convert`: not built yet. */
import { type CliCommand, CliError } from './io.js'

export const command: CliCommand = {
  usage: 'twiml-jsx convert',
  help: 'Not built yet.',
  async run() {
    throw new CliError('not built yet')
  },
}
