#!/usr/bin/env python3
"""Adds the outbox NOTIFY trigger to a service's initial migration (run once after `dotnet ef migrations add Initial`)."""
import re, sys
path = sys.argv[1]
s = open(path).read()
if "CreateOutboxNotifyTrigger" in s:
    sys.exit(0)
s = s.replace("using Microsoft.EntityFrameworkCore.Migrations;", "using EventPlatform.ServiceDefaults.Data;\nusing Microsoft.EntityFrameworkCore.Migrations;", 1)
# end of Up: the line before "protected override void Down"
up_end = s.index("        protected override void Down")
close = s.rindex("        }", 0, up_end)
s = s[:close] + "\n            migrationBuilder.CreateOutboxNotifyTrigger();\n" + s[close:]
down_open = s.index("{", s.index("protected override void Down")) + 1
s = s[:down_open] + "\n            migrationBuilder.DropOutboxNotifyTrigger();\n" + s[down_open:]
open(path, "w").write(s)
