/** Cloudflare Workers (workerd, through `wrangler dev`): the Hono app is the module's default export. */
import { app } from '../../examples/app.js'

export default app
