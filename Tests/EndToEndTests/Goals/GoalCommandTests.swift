import Foundation
import Testing

/// `leadtrail goal …` run as a user runs it, on a small October 2026 (UTC, RUB) written into the workspace.
///
/// Through 2026-10-15: alpha spent 10 000.00 ₽ (100 000 impressions, 1 000 clicks) and brought leads 1, 2 (paid
/// social) and 4 (email); beta spent 6 000.00 ₽ and brought lead 3 (paid social), and had one organic-social visit
/// from someone who never asked. Leads 1 and 3 bought for 30 000.00 ₽ and 12 000.00 ₽. 15 of 31 days elapsed: share
/// 0.483871.
@Suite struct GoalCommandTests {
    /// `init`, the four imports and alpha's objective.
    static func october(_ workspace: Workspace) throws {
        try workspace.succeed(["init"])
        func click(_ id: String, _ at: String, _ visitor: String, source: String, medium: String, campaign: String)
            -> String
        {
            #"{"id": "\#(id)", "at": "\#(at)", "visitor": "\#(visitor)", "url": "https://shop.example/?utm_source=\#(source)&utm_medium=\#(medium)&utm_campaign=\#(campaign)"}"#
        }
        try workspace.write(
            "clicks.ndjson",
            lines: [
                click("c1", "2026-10-02T10:00:00Z", "v1", source: "vk", medium: "cpc", campaign: "alpha"),
                click("c2", "2026-10-07T10:00:00Z", "v2", source: "vk", medium: "cpc", campaign: "alpha"),
                click("c3", "2026-10-04T10:00:00Z", "v3", source: "instagram", medium: "paid", campaign: "beta"),
                click("c4", "2026-10-06T10:00:00Z", "v4", source: "newsletter", medium: "email", campaign: "alpha"),
                // A visitor who never asked: beta's organic-social touch, half of beta's touches.
                click("c5", "2026-10-05T10:00:00Z", "anon", source: "instagram", medium: "social", campaign: "beta"),
            ])
        try workspace.write(
            "forms.json",
            text: """
                [
                  {"id": "f1", "submitted_at": "2026-10-03T12:00:00Z", "phone": "+7 916 000-00-01", "visitor": "v1"},
                  {"id": "f2", "submitted_at": "2026-10-08T12:00:00Z", "phone": "+7 916 000-00-02", "visitor": "v2"},
                  {"id": "f3", "submitted_at": "2026-10-09T12:00:00Z", "phone": "+7 916 000-00-03", "visitor": "v3"},
                  {"id": "f4", "submitted_at": "2026-10-06T12:00:00Z", "phone": "+7 916 000-00-04", "visitor": "v4"}
                ]
                """)
        try workspace.write(
            "deals.json",
            text: """
                [
                  {"id": "d1", "lead": {"phone": "+79160000001"}, "amount": "30000.00", "currency": "RUB",
                   "created_at": "2026-10-03T13:00:00Z", "status": "won", "closed_at": "2026-10-12T12:00:00Z"},
                  {"id": "d3", "lead": {"phone": "+79160000003"}, "amount": "12000.00", "currency": "RUB",
                   "created_at": "2026-10-09T13:00:00Z", "status": "won", "closed_at": "2026-10-14T12:00:00Z"}
                ]
                """)
        try workspace.write(
            "spend.csv",
            lines: [
                "date,campaign,amount,currency,platform,impressions,reach,clicks,engagements",
                "2026-10-01,alpha,10000.00,RUB,vk,100000,50000,1000,2000",
                "2026-10-05,beta,6000.00,RUB,instagram,20000,10000,400,1000",
                "2026-10-20,alpha,5000.00,RUB,vk,50000,20000,500,500",
            ])
        try workspace.succeed(["import", "clicks", "clicks.ndjson"])
        try workspace.succeed(["import", "forms", "forms.json"])
        try workspace.succeed(["import", "deals", "deals.json"])
        try workspace.succeed(["import", "spend", "spend.csv"])
        try workspace.succeed(["campaign", "update", "alpha", "--objective", "leads"])
    }

    static let octoberPeriod = ["--from", "2026-10-01", "--to", "2026-10-31"]

    @Test func setListRemove() throws {
        try Workspace.with { workspace in
            try Self.october(workspace)
            let set = try workspace.succeed(
                ["goal", "set", "--metric", "cpl", "--target", "450", "--campaign", "Alpha"] + Self.octoberPeriod)
            #expect(set.stdout == "Goal 1: cpl at most 450.00 RUB · campaign alpha · 2026-10-01…2026-10-31 (set)\n")
            let json = try jsonObject(
                try workspace.succeed(
                    [
                        "goal", "set", "--metric", "lead_rate", "--target", "5%", "--channel", "paid_social",
                        "--format", "json",
                    ]
                        + Self.octoberPeriod
                ).stdout)
            #expect(json["id"] as? Int == 2)
            #expect(json["target"] as? Double == 0.05)
            #expect(json["currency"] is NSNull)
            try workspace.succeed(
                ["goal", "set", "--metric", "revenue", "--target", "1500.5", "--currency", "usd"] + Self.octoberPeriod)

            let listed = try jsonArray(try workspace.succeed(["goal", "list", "--format", "json"]).stdout)
            #expect(listed.map { $0["id"] as? Int } == [1, 2, 3])
            #expect(listed.map { $0["metric"] as? String } == ["cpl", "lead_rate", "revenue"])
            #expect(listed.map { $0["direction"] as? String } == ["at_most", "at_least", "at_least"])
            #expect(listed.map { $0["scope"] as? String } == ["campaign", "channel", "all"])
            #expect(listed.map { $0["key"] as? String } == ["alpha", "paid_social", nil])
            #expect(listed.map { $0["currency"] as? String } == ["RUB", nil, "USD"])
            #expect(
                listed.map { jsonDecimal($0["target"]) } == [
                    Decimal(450), Decimal(string: "0.05"), Decimal(string: "1500.5"),
                ])
            #expect(
                Set(listed[0].keys) == [
                    "id", "metric", "direction", "target", "currency", "scope", "key", "from", "to",
                ])

            let removed = try workspace.succeed(["goal", "remove", "2"])
            #expect(removed.stdout.hasPrefix("Goal 2: lead_rate at least 0.05 · channel paid_social"))
            let table = try workspace.succeed(["goal", "list"]).stdoutLines
            #expect(table.count == 4)
            #expect(
                table[0].split(separator: " ", omittingEmptySubsequences: true) == [
                    "id", "metric", "target", "scope", "period",
                ])
            #expect(table[2].contains("≤ 450.00 RUB"))
            #expect(table[3].contains("≥ 1500.50 USD"))
            let csv = try workspace.succeed(["goal", "list", "--format", "csv"]).stdoutLines
            #expect(
                csv == [
                    "id,metric,direction,target,currency,scope,key,from,to",
                    "1,cpl,at_most,450.00,RUB,campaign,alpha,2026-10-01,2026-10-31",
                    "3,revenue,at_least,1500.50,USD,all,,2026-10-01,2026-10-31",
                ])
        }
    }

    /// Setting a goal again (same metric, scope and period) changes its target and keeps its number: two goals for one
    /// question would show contradictory lines in `goal status` and the summary.
    @Test func settingTheSameGoalAgainReplacesItsTarget() throws {
        try Workspace.with { workspace in
            try Self.october(workspace)
            let goal = ["goal", "set", "--metric", "leads", "--campaign", "alpha"] + Self.octoberPeriod
            try workspace.succeed(goal + ["--target", "10"])
            let again = try workspace.succeed(goal + ["--target", "20"])
            #expect(again.stdout == "Goal 1: leads at least 20 · campaign alpha · 2026-10-01…2026-10-31 (updated)\n")
            // Another period, scope or metric is another goal; a money target may change its currency.
            try workspace.succeed([
                "goal", "set", "--metric", "leads", "--target", "5", "--campaign", "alpha", "--from", "2026-10-01",
                "--to", "2026-10-15",
            ])
            try workspace.succeed(["goal", "set", "--metric", "leads", "--target", "5"] + Self.octoberPeriod)
            try workspace.succeed(["goal", "set", "--metric", "revenue", "--target", "100"] + Self.octoberPeriod)
            try workspace.succeed(
                ["goal", "set", "--metric", "revenue", "--target", "2.50", "--currency", "USD"] + Self.octoberPeriod)
            let listed = try jsonArray(try workspace.succeed(["goal", "list", "--format", "json"]).stdout)
            #expect(listed.map { $0["id"] as? Int } == [1, 2, 3, 4])
            #expect(listed.map { jsonDecimal($0["target"]) } == [20, 5, 5, Decimal(string: "2.5")])
            #expect(listed.map { $0["currency"] as? String } == [nil, nil, nil, "USD"])
        }
    }

    @Test func statusMatchesTheHandComputation() throws {
        try Workspace.with { workspace in
            try Self.october(workspace)
            let goals: [[String]] = [
                ["--metric", "cpl", "--target", "4500"] + Self.octoberPeriod,
                ["--metric", "leads", "--target", "5", "--campaign", "alpha"] + Self.octoberPeriod,
                ["--metric", "cpl", "--target", "3000", "--channel", "paid_social"] + Self.octoberPeriod,
                ["--metric", "spend", "--target", "5000", "--campaign", "beta"] + Self.octoberPeriod,
                ["--metric", "leads", "--target", "4", "--from", "2026-10-01", "--to", "2026-10-10"],
                ["--metric", "leads", "--target", "10", "--from", "2026-11-01", "--to", "2026-11-30"],
                ["--metric", "cac", "--target", "1000", "--channel", "email"] + Self.octoberPeriod,
                ["--metric", "roas", "--target", "3.2", "--campaign", "alpha"] + Self.octoberPeriod,
            ]
            for goal in goals { try workspace.succeed(["goal", "set"] + goal) }
            let result = try workspace.succeed(["goal", "status", "--as-of", "2026-10-15", "--format", "json"])
            let object = try jsonObject(result.stdout)
            #expect(object.keys.sorted() == ["as_of", "goals", "model", "report", "timezone"])
            #expect(object["report"] as? String == "goal_status")
            #expect(object["timezone"] as? String == "UTC")
            let rows = try #require(object["goals"] as? [[String: Any]])
            #expect(rows.count == 8)
            #expect(
                Set(rows[0].keys) == [
                    "id", "metric", "direction", "scope", "key", "from", "to", "through", "currency", "target",
                    "actual",
                    "elapsed_share", "projection", "status", "missing_rate",
                ])
            func figures(_ row: [String: Any]) -> [Decimal?] {
                [jsonDecimal(row["actual"]), jsonDecimal(row["elapsed_share"]), jsonDecimal(row["projection"])]
            }
            let share = Decimal(string: "0.483871")
            // 16 000 / 4 leads = 4 000.00 ≤ 4 500.
            #expect(figures(rows[0]) == [4000, share, 4000])
            #expect(rows[0]["status"] as? String == "on_track")
            // alpha: 3 leads, × 31/15 = 6.2 ≥ 5.
            #expect(figures(rows[1]) == [3, share, Decimal(string: "6.2")])
            #expect(rows[1]["status"] as? String == "on_track")
            // paid social: 10 000 × 2/3 + 6 000 × 1/2 = 9 666.67 ₽ over 3 leads = 3 222.22 > 3 000 by ≤ 10%.
            #expect(figures(rows[2]) == [Decimal(string: "3222.22"), share, Decimal(string: "3222.22")])
            #expect(rows[2]["status"] as? String == "at_risk")
            // beta spent 6 000 of a 5 000 budget already.
            #expect(figures(rows[3]) == [6000, share, 12400])
            #expect(rows[3]["status"] as? String == "off_track")
            // Ended on 10-10 with all 4 leads.
            #expect(figures(rows[4]) == [4, 1, 4])
            #expect(rows[4]["status"] as? String == "met")
            #expect(rows[4]["through"] as? String == "2026-10-10")
            // November has not started.
            #expect(rows[5]["actual"] is NSNull)
            #expect(rows[5]["projection"] is NSNull)
            #expect(rows[5]["through"] is NSNull)
            #expect(jsonDecimal(rows[5]["elapsed_share"]) == 0)
            #expect(rows[5]["status"] as? String == "not_started")
            // Email was allotted a third of alpha's 10 000 ₽ and no sale is credited to it: the CAC is unbounded,
            // so the goal is off track, not "no data".
            #expect(rows[6]["actual"] is NSNull)
            #expect(rows[6]["status"] as? String == "off_track")
            // alpha's ROAS 30 000 / 10 000 = 3, under 3.2 by ≤ 10%.
            #expect(figures(rows[7]) == [3, share, 3])
            #expect(rows[7]["status"] as? String == "at_risk")

            let table = try workspace.succeed(["goal", "status", "--as-of", "2026-10-15"]).stdoutLines
            #expect(table[0] == "Goals as of 2026-10-15 · UTC · last_non_direct model")
            // Title, blank line, header, rule, then goal n on line 3 + n.
            #expect(table.count == 4 + 8)
            #expect(table[6].contains("3 222.22 RUB"))
            #expect(table[6].hasSuffix("at risk"))
            #expect(table[9].hasSuffix("not started"))
            #expect(table[10].contains("∞"))
            #expect(table[10].hasSuffix("off track"))
        }
    }

    @Test func aMissingRateFailsOnOneLine() throws {
        try Workspace.with { workspace in
            try Self.october(workspace)
            try workspace.succeed(["spend", "add", "beta", "10.00", "USD", "--date", "2026-10-03"])
            try workspace.succeed(["goal", "set", "--metric", "spend", "--target", "100"] + Self.octoberPeriod)
            let result = try Self.printsThenFails(
                workspace, ["goal", "status", "--as-of", "2026-10-15"], mentioning: "USD→RUB", "2026-10-03")
            #expect(result.stdoutLines.last?.hasSuffix("no rate") == true, "\(result)")
        }
    }

    /// A command that prints what it could and then fails: non-zero exit, one line on stderr naming the problem,
    /// the database as it was.
    @discardableResult
    static func printsThenFails(
        _ workspace: Workspace, _ arguments: [String], mentioning fragments: String...,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let before = try workspace.databaseState()
        let result = try workspace.run(arguments)
        #expect(result.status != 0, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "\(result)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "\(result)", sourceLocation: sourceLocation)
        }
        #expect(!result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
        #expect(try workspace.databaseState() == before, sourceLocation: sourceLocation)
        return result
    }

    /// A goal in a currency no rate reaches is "no rate"; the goals in the base currency are still judged and
    /// printed, and the command (and the summary) then fails naming the goal and the missing pair.
    @Test func aGoalWithoutItsRateDoesNotHideTheOthers() throws {
        try Workspace.with { workspace in
            try Self.october(workspace)
            try workspace.succeed(["goal", "set", "--metric", "leads", "--target", "5"] + Self.octoberPeriod)
            try workspace.succeed(
                ["goal", "set", "--metric", "revenue", "--target", "500", "--currency", "USD"] + Self.octoberPeriod)
            try workspace.succeed(["goal", "set", "--metric", "cpl", "--target", "4500"] + Self.octoberPeriod)
            let table = try Self.printsThenFails(
                workspace, ["goal", "status", "--as-of", "2026-10-15"], mentioning: "goal 2 could not be judged",
                "RUB→USD")
            let lines = table.stdoutLines
            #expect(lines.count == 4 + 3, "\(table)")
            #expect(lines[4].hasSuffix("on track") || lines[4].hasSuffix("met"), "\(table)")
            #expect(lines[5].hasSuffix("no rate"), "\(table)")
            #expect(lines[6].contains("4 000.00 RUB") && lines[6].hasSuffix("on track"), "\(table)")

            let json = try Self.printsThenFails(
                workspace, ["goal", "status", "--as-of", "2026-10-15", "--format", "json"], mentioning: "goal 2")
            let rows = try #require(try jsonObject(json.stdout)["goals"] as? [[String: Any]])
            #expect(rows.map { $0["status"] as? String } == ["on_track", "no_rate", "on_track"])
            #expect(rows[1]["missing_rate"] as? String == "RUB→USD on 2026-10-12")
            #expect(rows[1]["actual"] is NSNull)
            #expect(rows[0]["missing_rate"] is NSNull)

            let summary = try Self.printsThenFails(
                workspace, ["report", "summary", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "md"],
                mentioning: "goal 2 could not be judged")
            #expect(summary.stdout.contains("no rate"), "\(summary)")

            // With the reverse pair's rate set, it is judged: 42 000 ₽ at 84 ₽ per $ = $500.00, met.
            try workspace.succeed(["rate", "set", "USD", "RUB", "84", "--date", "2026-10-01"])
            let judged = try workspace.succeed(["goal", "status", "--as-of", "2026-10-15", "--format", "json"])
            let now = try #require(try jsonObject(judged.stdout)["goals"] as? [[String: Any]])
            #expect(now[1]["status"] as? String == "met")
            #expect(jsonDecimal(now[1]["actual"]) == 500)
        }
    }

    @Test func suggestProposesTargetsAndTheirCommandsRun() throws {
        try Workspace.with { workspace in
            try Self.october(workspace)
            let period = ["--from", "2026-10-16", "--to", "2026-10-30"]
            let json = try jsonObject(
                try workspace.succeed(["goal", "suggest", "--campaign", "alpha", "--format", "json"] + period).stdout)
            #expect(json["objective"] as? String == "leads")
            #expect(json["objective_inferred"] as? Bool == false)
            #expect(json["previous_from"] as? String == "2026-10-01")
            #expect(json["previous_to"] as? String == "2026-10-15")
            let suggestions = try #require(json["suggestions"] as? [[String: Any]])
            #expect(suggestions.map { $0["metric"] as? String } == ["cpl", "lead_rate", "ctr"])
            #expect(
                suggestions.map { jsonDecimal($0["previous"]) } == [
                    Decimal(string: "3333.33"), Decimal(string: "0.003"), Decimal(string: "0.01"),
                ])
            #expect(
                suggestions.map { jsonDecimal($0["target"]) } == [
                    3000, Decimal(string: "0.0033"), Decimal(string: "0.011"),
                ])

            // The table ends with the commands; each runs as printed.
            let table = try workspace.succeed(["goal", "suggest", "--campaign", "alpha"] + period).stdoutLines
            let commands = table.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                $0.hasPrefix("leadtrail goal set")
            }
            #expect(
                commands == [
                    "leadtrail goal set --metric cpl --target 3000.00 --currency RUB --campaign alpha --from 2026-10-16 --to 2026-10-30",
                    "leadtrail goal set --metric lead_rate --target 0.0033 --campaign alpha --from 2026-10-16 --to 2026-10-30",
                    "leadtrail goal set --metric ctr --target 0.011 --campaign alpha --from 2026-10-16 --to 2026-10-30",
                ])
            for command in commands {
                try workspace.succeed(Array(command.split(separator: " ").dropFirst().map(String.init)))
            }
            #expect(try jsonArray(try workspace.succeed(["goal", "list", "--format", "json"]).stdout).count == 3)

            // beta has no objective: the tool says so and infers sales from its won deal.
            let beta = try workspace.succeed(["goal", "suggest", "--campaign", "beta"] + period).stdout
            #expect(beta.contains("no objective set; inferred sales"))
            #expect(beta.contains("--metric roas --target 2.2 --campaign beta"))
        }
    }

    /// One day alone is completed to its month: `--to` alone used to start on the first of the current month and be
    /// refused naming a `--from` the user never gave.
    @Test func aPeriodGivenByOneDayIsCompletedToItsMonth() throws {
        try Workspace.with { workspace in
            try workspace.succeed(["init"])
            let to = try jsonObject(
                try workspace.succeed([
                    "goal", "set", "--metric", "leads", "--target", "5", "--to", "2026-10-15", "--format", "json",
                ]).stdout)
            #expect(to["from"] as? String == "2026-10-01" && to["to"] as? String == "2026-10-15", "\(to)")
            let from = try jsonObject(
                try workspace.succeed([
                    "goal", "set", "--metric", "won", "--target", "2", "--from", "2026-02-10", "--format", "json",
                ]).stdout)
            #expect(from["from"] as? String == "2026-02-10" && from["to"] as? String == "2026-02-28", "\(from)")
            try workspace.refuse(
                ["goal", "set", "--metric", "won", "--target", "2", "--from", "2026-03-10", "--to", "2026-03-01"],
                mentioning: "--from 2026-03-10 is after --to 2026-03-01")
        }
    }

    @Test func theDatabaseOptionWorksBeforeTheSubcommandAndIsRepeatedInSuggestions() throws {
        try Workspace.with { workspace in
            try workspace.succeed(["--db", "other.sqlite", "init"])
            try workspace.succeed(["--db", "other.sqlite", "campaign", "add", "gamma"])
            try workspace.succeed(["--db", "other.sqlite", "goal", "set", "--metric", "leads", "--target", "10"])
            let listed = try jsonArray(
                try workspace.succeed(["goal", "list", "--db", "other.sqlite", "--format", "json"]).stdout)
            #expect(listed.count == 1)
            #expect(!workspace.exists("leadtrail.sqlite"))
            let suggest = try workspace.succeed(["--db", "other.sqlite", "goal", "suggest", "--campaign", "gamma"])
                .stdout
            #expect(suggest.contains("no objective set; inferred leads"))
        }
    }

    @Test(arguments: [
        (["goal", "set", "--metric", "cpa", "--target", "1"], ["--metric", "unknown metric 'cpa'", "lead_rate"]),
        (["goal", "set", "--metric", "cpl", "--target", "abc"], ["--target", "invalid number 'abc'"]),
        (["goal", "set", "--metric", "cpl", "--target", "450.123"], ["--target", "more decimals than RUB allows"]),
        (["goal", "set", "--metric", "cpl", "--target", "45", "--currency", "JPY"], []),
        (["goal", "set", "--metric", "cpl", "--target", "45.5", "--currency", "JPY"], ["--target", "JPY"]),
        (["goal", "set", "--metric", "cpl", "--target", "-5"], ["--target", "negative"]),
        (["goal", "set", "--metric", "cpl", "--target", "5%"], ["--target", "percentage"]),
        (["goal", "set", "--metric", "ctr", "--target", "1", "--currency", "USD"], ["--currency", "not money"]),
        (["goal", "set", "--metric", "cpl", "--target", "1", "--currency", "ZZZ"], ["--currency", "ZZZ"]),
        (
            ["goal", "set", "--metric", "cpl", "--target", "1", "--from", "2026-10-31", "--to", "2026-10-01"],
            ["--from 2026-10-31 is after --to 2026-10-01"]
        ),
        (["goal", "set", "--metric", "cpl", "--target", "1", "--from", "2026-13-01"], ["--from", "invalid date"]),
        (
            ["goal", "set", "--metric", "cpl", "--target", "1", "--campaign", "alpha", "--channel", "email"],
            ["--campaign and --channel"]
        ),
        (
            ["goal", "set", "--metric", "cpl", "--target", "1", "--campaign", "nope"],
            ["--campaign", "unknown campaign 'nope'"]
        ),
        (
            ["goal", "set", "--metric", "cpl", "--target", "1", "--channel", "tv"],
            ["--channel", "unknown channel 'tv'", "paid_social"]
        ),
        (["goal", "set", "--target", "1"], ["--metric"]),
        (["goal", "remove", "99"], ["unknown goal 99"]),
        (["goal", "remove", "x"], ["x"]),
        (["goal", "status", "--as-of", "15.10.2026"], ["--as-of", "invalid date"]),
        (["goal", "status", "--model", "magic"], ["--model", "magic"]),
        (["goal", "suggest", "--campaign", "nope"], ["--campaign", "unknown campaign 'nope'"]),
        (
            ["goal", "suggest", "--campaign", "alpha", "--from", "2026-11-02", "--to", "2026-11-01"],
            ["--from", "after --to"]
        ),
        (["goal", "list", "--format", "xml"], ["--format", "xml"]),
    ])
    func refusals(arguments: [String], fragments: [String]) throws {
        try Workspace.with { workspace in
            try workspace.succeed(["init"])
            try workspace.succeed(["campaign", "add", "alpha"])
            try workspace.succeed(["goal", "set", "--metric", "leads", "--target", "10"])
            if fragments.isEmpty {
                // The control: a valid goal is accepted, so the refusals below are about their one bad value.
                try workspace.succeed(arguments)
                return
            }
            let result = try workspace.refuseUnchanged(arguments, mentioning: fragments)
            #expect(result.stderr.hasPrefix("Error: "))
        }
    }
}

extension Workspace {
    /// `refuse` with the fragments as an array: non-zero exit, one line on stderr, the database unchanged.
    @discardableResult
    fileprivate func refuseUnchanged(
        _ arguments: [String], mentioning fragments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let before = try DatabaseDump.of(defaultDatabase)
        let result = try run(arguments)
        expectRefused(result, mentioningAll: fragments, sourceLocation: sourceLocation)
        let after = try DatabaseDump.of(defaultDatabase)
        #expect(before == after, "the database changed after a refused command", sourceLocation: sourceLocation)
        return result
    }
}
