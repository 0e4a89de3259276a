#!/usr/bin/env bash
# Writes small seed corpora for every fuzz target from the project's own
# sample files (core/data, core/tests/data, the call-log example in
# core/src/call/log.rs). The corpora are not committed: run this first.
#
#   bash fuzz/seed.sh          # writes fuzz/corpus/<target>/
set -euo pipefail
cd "$(dirname "$0")"
core=../core
c=corpus
mkdir -p "$c"/{limit_parse,calendar_tsv,calendar_json,schedule,catalog_json,catalog_tabular,catalog_xlsx,catalog_sheet,call_log_replay}

# Limits: every form the docs and the sample lists use.
i=0
for l in 30m 3h 3d 3wd 4wh 30分钟 3小时 3天 3个工作日 4个工作时 "3 working days" \
         "4 working hours" 3工作日 4个工作小时 "1 minute" 100000m 2wd; do
  printf '%s' "$l" > "$c/limit_parse/seed-$i"; i=$((i + 1))
done
tail -n +2 "$core/tests/data/catalog/tsv/matters.tsv" | awk -F'\t' '{print $(NF-2); print $(NF-1); print $NF}' |
  sort -u | grep -v '^$' | while read -r l; do printf '%s' "$l" > "$c/limit_parse/sample-$l"; done

# Calendar overrides (loaded onto 2024-2026): the embedded data's header and
# one year, the year before, and a next year's notice (2026's rows moved to
# 2027), as TSV and as JSON.
hol="$core/../calendar-data/data/cn-holidays.tsv"
{ head -1 "$hol"; grep '^2025-' "$hol"; } > "$c/calendar_tsv/2025.tsv"
{ head -1 "$hol"; grep '^2026-' "$hol" | sed 's/^2026-/2027-/'; } > "$c/calendar_tsv/2027.tsv"
{ head -1 "$hol"; grep '^2023-' "$hol"; } > "$c/calendar_tsv/2023.tsv"
printf '2004-01-01\tholiday\tNew Year'"'"'s Day\t元旦\n' > "$c/calendar_tsv/first-day.tsv"
to_json() { awk -F'\t' 'BEGIN{printf "["} NR>1{if(n++)printf ",";printf "{\"date\":\"%s\",\"kind\":\"%s\",\"name\":\"%s\",\"name_zh\":\"%s\"}",$1,$2,$3,$4} END{print "]"}'; }
to_json < "$c/calendar_tsv/2025.tsv" > "$c/calendar_json/2025.json"
to_json < "$c/calendar_tsv/2027.tsv" > "$c/calendar_json/2027.json"
to_json < "$c/calendar_tsv/2023.tsv" > "$c/calendar_json/2023.json"

# Office hours: a timetable, and the JSON form with seasons and a short day.
printf '08:30-12:00,14:00-17:30' > "$c/schedule/plain"
printf '08:30-12:00，14:00-17:30' > "$c/schedule/fullwidth"
printf 'closed' > "$c/schedule/closed"
cat > "$c/schedule/seasons.json" <<'JSON'
{"default": "08:30-12:00,14:00-17:00", "seasons": [{"name": "summer", "from": "05-01", "to": "09-30", "hours": "08:30-12:00,14:30-17:30"}, {"name": "winter", "from": "10-01", "to": "04-30", "hours": "09:00-12:00,13:30-17:00"}], "overrides": {"2025-12-31": "08:30-12:00"}}
JSON

# Lists: the test list in JSON, CSV, TSV and XLSX; the sample revision.
cp "$core/tests/data/catalog/small.json" "$c/catalog_json/small.json"
cp "$core/data/sample-revision.json" "$c/catalog_json/sample-revision.json"
cp "$core/tests/data/catalog/small.xlsx" "$c/catalog_xlsx/small.xlsx"
python3 - "$core/tests/data/catalog/small.xlsx" "$c/catalog_xlsx/small-parts" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
parts = ["xl/sharedStrings.xml"] + [f"xl/worksheets/sheet{i}.xml" for i in range(1, 5)]
open(sys.argv[2], "wb").write(b"\x1e".join(z.read(p) for p in parts))
PY
tabular() { # mode-byte dir ext
  { printf '%s' "$1"
    for t in list units matters; do cat "$2/$t.$3"; printf '\036'; done
    cat "$2/revisions.$3"; } > "$c/catalog_tabular/small-$3"
  { printf '%s' "$1"
    for t in list units; do cat "$2/$t.$3"; printf '\036'; done
    cat "$2/matters.$3"; } > "$c/catalog_tabular/small-$3-no-revisions"
}
tabular 0 "$core/tests/data/catalog/csv" csv
tabular 1 "$core/tests/data/catalog/tsv" tsv

# The list as officials keep it: the sample in that layout, and a CSV sheet.
cp ../examples/data/county-list.xlsx "$c/catalog_sheet/county-list.xlsx"
cat > "$c/catalog_sheet/county.csv" <<'CSV'
附件1 ××县属地管理事项主体责任和配合责任清单
（县编办发〔2025〕12号）
序号,领域,事项名称,主责单位,配合单位,配合责任内容
1.,自然资源,违法占用土地查处,县自然资源局,各乡镇（街道）,日常巡查、及时上报、协助执法
2,,农村乱占耕地建房整治,住建局,属地乡镇,"1.巡查
2.劝阻制止，文书送达"
（二）生态环境
3,,露天焚烧秸秆管控,属地乡镇,县农业农村局、市生态环境局夏津分局,"指导
监测通报"
CSV

# Call logs: the library's example log, each of its prefixes, and logs
# through the other paths (return, pause, extension, reminder, rework,
# withdrawal).
sed -n '/^pub const EXAMPLE: &str = r#"/,/^"#;/p' "$core/src/call/log.rs" |
  sed -e 's/^pub const EXAMPLE: &str = r#"//' -e '/^"#;$/d' > "$c/call_log_replay/example.jsonl"
for n in 1 3 5; do head -n $n "$c/call_log_replay/example.jsonl" > "$c/call_log_replay/example-$n.jsonl"; done
H='"call":"C9","actor":'
cat > "$c/call_log_replay/paths.jsonl" <<JSONL
{"type":"raised","v":1,"id":"E1",$H{"role":"township","unit":"U068"},"at":"2025-09-26T16:00:00+08:00","township":"U068","matter":"M001","channel":"text"}
{"type":"reminder_sent","v":1,$H{"role":"system","unit":"platform"},"at":"2025-09-26T16:20:00+08:00","stage":"dispatch","round":1,"mark":"50%"}
{"type":"dispatched","v":1,"id":"E2",$H{"role":"command_centre","unit":"U008"},"at":"2025-09-26T16:25:00+08:00","department":"U010","supporting":["U068"]}
{"type":"returned","v":1,"id":"E3",$H{"role":"department","unit":"U010"},"at":"2025-09-26T16:40:00+08:00","reason":"不属本单位职责"}
{"type":"acknowledged","v":1,"id":"E4",$H{"role":"command_centre","unit":"U008"},"at":"2025-09-26T16:41:00+08:00"}
{"type":"dispatched","v":1,"id":"E5",$H{"role":"command_centre","unit":"U008"},"at":"2025-09-26T16:45:00+08:00","department":"U053@U068"}
{"type":"signed","v":1,"id":"E6",$H{"role":"department","unit":"U053@U068"},"at":"2025-09-26T17:00:00+08:00"}
{"type":"paused","v":1,"id":"E7",$H{"role":"command_centre","unit":"U008"},"at":"2025-09-26T17:10:00+08:00","stage":"reply","reason":"等待检测报告"}
{"type":"supervised","v":1,"id":"E8",$H{"role":"command_centre","unit":"U008"},"at":"2025-09-26T17:20:00+08:00","stage":"arrival","note":"请尽快到场"}
{"type":"resumed","v":1,"id":"E9",$H{"role":"command_centre","unit":"U008"},"at":"2025-09-28T09:00:00+08:00","stage":"reply"}
{"type":"arrived","v":1,"id":"E10",$H{"role":"department","unit":"U053@U068"},"at":"2025-09-28T10:00:00+08:00"}
{"type":"extension_requested","v":1,"id":"E11",$H{"role":"department","unit":"U053@U068"},"at":"2025-09-29T10:00:00+08:00","stage":"reply","extra":"2wd","reason":"需要补充材料"}
{"type":"extension_granted","v":1,"id":"E12",$H{"role":"command_centre","unit":"U008"},"at":"2025-09-29T11:00:00+08:00","stage":"reply","extra":"1wd"}
{"type":"replied","v":1,"id":"E13",$H{"role":"department","unit":"U053@U068"},"at":"2025-10-09T16:00:00+08:00","result":"已处理"}
{"type":"evaluated","v":1,"id":"E14",$H{"role":"township","unit":"U068"},"at":"2025-10-10T09:00:00+08:00","satisfied":false,"comment":"未整改到位"}
{"type":"extension_requested","v":1,"id":"E15",$H{"role":"department","unit":"U053@U068"},"at":"2025-10-10T10:00:00+08:00","stage":"reply","extra":"1wd","reason":"再次整改"}
{"type":"extension_denied","v":1,"id":"E16",$H{"role":"command_centre","unit":"U008"},"at":"2025-10-10T11:00:00+08:00","stage":"reply","reason":"不予延期"}
{"type":"replied","v":1,"id":"E17",$H{"role":"department","unit":"U053@U068"},"at":"2025-10-13T16:00:00+08:00","result":"已整改"}
{"type":"evaluated","v":1,"id":"E18",$H{"role":"township","unit":"U068"},"at":"2025-10-14T09:00:00+08:00","satisfied":true}
{"type":"closed","v":1,"id":"E19",$H{"role":"command_centre","unit":"U008"},"at":"2025-10-14T09:30:00+08:00"}
JSONL
cat > "$c/call_log_replay/withdrawn.jsonl" <<JSONL
{"type":"raised","v":1,$H{"role":"township","unit":"U061"},"at":"2026-12-31T23:50:00+08:00","township":"U061","matter":"M002","channel":"video"}
{"type":"acknowledged","v":1,$H{"role":"command_centre","unit":"U008"},"at":"2026-12-31T23:51:00+08:00"}
{"type":"withdrawn","v":1,$H{"role":"township","unit":"U061"},"at":"2027-01-01T00:10:00+08:00","reason":"已自行解决"}
JSONL
echo "seeded: $(find -L "$c" -type f | wc -l) files in $(pwd)/$c"
