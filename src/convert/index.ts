/**
 * twiml-jsx/convert: bring existing flows in. TwiML documents and TwiML Bins become TSX modules,
 * Studio flows become Hono apps. Pure functions from source text to source text: no I/O, so they
 * run anywhere (the `twiml-jsx convert` command reads the files and formats the output).
 */
export { type ConvertBinOptions, convertBin, looksLikeBin } from './bins.js'
export { ConvertError } from './errors.js'
export { convertStudio } from './studio/index.js'
export { type ConvertResult, type ConvertTwimlOptions, convertTwiml } from './twiml.js'
