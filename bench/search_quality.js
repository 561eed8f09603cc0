// Ranks every query of a query set with the site's own ranking code under Node.
// Usage: node bench/search_quality.js SKILLS.json DETAILS.json QUERIES.json [--summary-only]
// (see search_quality.py)
"use strict";
const fs = require("fs");
const path = require("path");
const assets = path.join(__dirname, "..", "docs", "assets");
const MiniSearch = require(path.join(assets, "vendor", "minisearch.js"));
const SkillsiteRank = require(path.join(assets, "skillsite-rank.js"));

const index = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const details = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const queries = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const engine = SkillsiteRank.create(MiniSearch, index);
const added = process.argv[5] === "--summary-only" ? Promise.resolve() : engine.addDetails(details);
added.then(() => {
  const answers = queries.map((query) => engine.rank(query).results.slice(0, 20).map((r) => r.skill.name));
  process.stdout.write(JSON.stringify(answers));
});
