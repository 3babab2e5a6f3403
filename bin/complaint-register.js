#!/usr/bin/env node
// Installed command: runs the built command-line adapter (npm run build first).
require("../out/main/cli.js");
