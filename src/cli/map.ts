/**
 * `twiml-jsx map <module> --entry /ivr [--format mermaid|dot|json]`: explores every path of the
 * module's app from the entry routes and prints the call-flow map.
 */
import { toDot, toMermaid } from '../testing/explore/index.js'
import { cutNotes, EXPLORE_HELP, explore } from './explore-args.js'
import { type CliCommand, CliUsageError } from './io.js'

const FORMATS = ['mermaid', 'dot', 'json'] as const

export const command: CliCommand = {
  usage: 'twiml-jsx map <module> --entry <path> [--format mermaid|dot|json] [--hangups] [options]',
  help: `Explores every path of the app the module exports (default export, \`app\`, or createApp()) from
the entry routes, with the offline call simulator, and prints the call-flow graph: routes, the
verbs that wait (Gather, Dial, Record, Enqueue, ...), and edges labelled by what the caller did.

  --format <f>        mermaid (default; GitHub draws \`\`\`mermaid blocks), dot (Graphviz) or json
  --hangups           also draw the edges where the caller hangs up
  --title <text>      a title above the graph
${EXPLORE_HELP}`,
  async run(args, io) {
    const { map, values } = await explore(args, io, {
      format: { type: 'string' },
      hangups: { type: 'boolean' },
      title: { type: 'string' },
    })
    const { format = 'mermaid', hangups, title } = values as { format?: string; hangups?: boolean; title?: string }
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new CliUsageError(`--format takes ${FORMATS.join(', ')}, not "${format}"`)
    }
    const draw = { ...(hangups ? { hangups: true } : {}), ...(title === undefined ? {} : { title }) }
    io.stdout(
      format === 'json'
        ? `${JSON.stringify(map, null, 2)}\n`
        : format === 'dot'
          ? toDot(map, draw)
          : toMermaid(map, draw),
    )
    io.stderr(cutNotes(map))
    return 0
  },
}
