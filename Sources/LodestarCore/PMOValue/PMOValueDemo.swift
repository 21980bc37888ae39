import Foundation

/// A year in the life of the demo organisation's PMO, consistent with a generated portfolio: its
/// charter and services, KPIs computed from the portfolio month by month, two waves of a perception
/// survey, an improvement backlog and two maturity self-assessments.
public struct PMOValueDemo: Sendable {
    public var problems: [Record<PMOProblem>] = []
    public var services: [Record<PMOService>] = []
    public var kpis: [Record<PMOKPI>] = []
    public var kpiMeasurements: [Record<KPIMeasurement>] = []
    public var surveys: [Record<Survey>] = []
    public var waves: [Record<SurveyWave>] = []
    public var responses: [SurveyResponse] = []
    public var improvements: [Record<ImprovementItem>] = []
    public var assessments: [Record<MaturityAssessment>] = []

    public var recordCount: Int {
        problems.count + services.count + kpis.count + kpiMeasurements.count + surveys.count + waves.count + responses.count
            + improvements.count + assessments.count
    }

    public static func generate(for portfolio: DemoPortfolio, seed: UInt64, today: Day) -> PMOValueDemo {
        var random = SeededRandom(seed: seed, stream: 0x504D_4F56) // "PMOV": a stream no other part uses
        var demo = PMOValueDemo()
        let pmoLead = portfolio.users.first { $0.role == .pmo }?.id

        func problem(_ statement: String, _ symptoms: String, _ metric: String) -> UUID {
            let id = random.uuid()
            demo.problems.append(Record(id: id, fields: PMOProblem(statement: statement, symptoms: symptoms, evidenceMetric: metric)))
            return id
        }
        let slowDecisions = problem(
            "Decisions that unblock delivery take too long", "Initiatives wait weeks for steering committees; escalations bounce between forums.",
            "Mean days from decision request to decision")
        let scatteredInvestment = problem(
            "Investment is spread over work that does not serve the strategy", "Pet projects keep funding; strategic themes are starved.",
            "Share of in-flight budget aligned to an objective")
        let lateDelivery = problem(
            "Delivery dates are missed and forecasts cannot be trusted", "Milestones slip late and without warning.",
            "Share of milestones reached by their baseline date")
        let unprovenOutcomes = problem(
            "Nobody can say whether the money delivered the promised outcomes", "Benefits are claimed at approval and never measured.",
            "Benefits realised against plan")

        func service(_ name: String, _ problems: [UUID], _ question: String, _ level: String) -> UUID {
            let id = random.uuid()
            demo.services.append(Record(id: id, fields: PMOService(
                name: name, problemIDs: problems, executiveQuestion: question, ownerID: pmoLead, serviceLevel: level)))
            return id
        }
        let governance = service("Decision and escalation management", [slowDecisions],
                                 "Where does leadership need to focus?", "Escalations reach the right forum within 2 working days")
        let prioritisation = service("Portfolio prioritisation", [scatteredInvestment],
                                     "Which initiatives should we prioritise?", "Quarterly re-prioritisation within 10 working days of the strategy review")
        let delivery = service("Delivery assurance", [lateDelivery],
                               "Why do projects keep getting delayed?", "Every tier-full initiative reviewed monthly")
        let reporting = service("Portfolio reporting", [lateDelivery, slowDecisions],
                                "Are we on track?", "Portfolio report published by the 3rd working day of the month")
        let benefits = service("Benefits tracking", [unprovenOutcomes],
                               "Are we delivering the outcomes we expected?", "Every benefit measured each quarter")
        _ = service("Project management coaching", [lateDelivery],
                    "Do our project managers have what they need?", "Coaching request answered within 5 working days")

        func kpi(_ name: String, _ unit: String, _ direction: KPIDirection, _ target: Double, _ service: UUID, _ source: KPISource) -> UUID {
            let id = random.uuid()
            demo.kpis.append(Record(id: id, fields: PMOKPI(
                name: name, description: source.isComputed ? "Computed from the portfolio: \(source.label.lowercased())." : "",
                unit: unit, direction: direction, target: target, serviceID: service, source: source)))
            return id
        }
        let computed: [(UUID, KPISource)] = [
            (kpi("Decision latency", "days", .lowerIsBetter, 14, governance, .decisionLatency), .decisionLatency),
            (kpi("Escalations resolved within target", "%", .higherIsBetter, 80, governance, .escalationsResolvedInTarget), .escalationsResolvedInTarget),
            (kpi("Investment aligned to strategy", "%", .higherIsBetter, 90, prioritisation, .alignedInvestmentShare), .alignedInvestmentShare),
            (kpi("Milestones on time", "%", .higherIsBetter, 75, delivery, .milestoneOnTimeRate), .milestoneOnTimeRate),
            (kpi("Forecast accuracy", "%", .higherIsBetter, 70, delivery, .forecastAccuracy), .forecastAccuracy),
            (kpi("Status submitted on time", "%", .higherIsBetter, 90, reporting, .statusOnTime), .statusOnTime),
            (kpi("Benefits realised against plan", "%", .higherIsBetter, 85, benefits, .benefitsRealised), .benefitsRealised),
        ]
        let reportHours = kpi("Time to produce the portfolio report", "hours", .lowerIsBetter, 8, reporting, .manual)

        // Twelve month ends of history, computed from the portfolio as it stood.
        let snapshot = KPIPortfolio(demo: portfolio)
        let monthEnds = (0..<12).reversed().map { monthsAgo -> Day in
            let month = today.adding(months: -monthsAgo)
            return Day(year: month.year, month: month.month, day: 1)!.adding(months: 1).adding(days: -1)
        }.filter { $0 <= today }
        for (id, source) in computed {
            for day in monthEnds {
                guard let reading = PortfolioKPIs.compute(source, from: snapshot, asOf: day) else { continue }
                demo.kpiMeasurements.append(Record(id: random.uuid(), fields: KPIMeasurement(
                    kpiID: id, measuredOn: day, value: DemoGenerator.rounded(reading.value, toDecimals: 1), note: reading.explanation)))
            }
        }
        // Report preparation time falls as reports are generated from the data instead of assembled.
        for (index, day) in monthEnds.enumerated() {
            let hours = max(6, 40 - Double(index) * 3 + random.double(in: -2...2))
            demo.kpiMeasurements.append(Record(id: random.uuid(), fields: KPIMeasurement(
                kpiID: reportHours, measuredOn: day, value: DemoGenerator.rounded(hours, toDecimals: 0), note: "From the PMO's time sheets.")))
        }

        makeSurvey(into: &demo, today: today, random: &random)
        makeImprovements(into: &demo, owner: pmoLead, today: today)
        makeAssessments(into: &demo, today: today)
        return demo
    }

    private static func makeSurvey(into demo: inout PMOValueDemo, today: Day, random: inout SeededRandom) {
        let surveyID = random.uuid()
        let groups = ["Executives", "Initiative owners", "Delivery teams"]
        demo.surveys.append(Record(id: surveyID, fields: Survey(
            title: "How is the PMO doing for you?",
            introduction: "Five questions, two minutes. Your answers are anonymous: nobody, including the PMO, can tell which answers are yours.",
            questions: [
                SurveyQuestion(key: "recommend", kind: .nps, prompt: "How likely are you to recommend the PMO's services to a colleague?"),
                SurveyQuestion(key: "decisions", kind: .likert, prompt: "The PMO helps leadership make decisions faster."),
                SurveyQuestion(key: "insight", kind: .likert, prompt: "Portfolio reports tell me something I can act on."),
                SurveyQuestion(key: "burden", kind: .likert, prompt: "The PMO's reporting asks are worth the effort they take."),
                SurveyQuestion(key: "improve", kind: .freeText, prompt: "What one thing should the PMO do differently?"),
            ],
            stakeholderGroups: groups)))
        let waves: [(String, Int, Double)] = [("Baseline wave", -11, 0), ("Second wave", -2, 0.5)]
        let comments = [
            ["Too many templates, not enough answers.", "Status reports take me half a day.", "Escalations vanish into committees.",
             "Tell us earlier when something is slipping.", "I do not know what the PMO does for me.", "Fewer meetings, please."],
            ["The monthly report is finally useful.", "Decisions come back within days now.", "Keep the dashboard, drop the slide deck.",
             "More help with benefits measurement.", "Forecasts are more honest than a year ago.", "Still too many status fields."],
        ]
        for (waveIndex, wave) in waves.enumerated() {
            let waveID = random.uuid()
            let opens = today.adding(months: wave.1)
            demo.waves.append(Record(id: waveID, fields: SurveyWave(surveyID: surveyID, name: wave.0, opensOn: opens, closesOn: opens.adding(days: 20))))
            let lift = wave.2
            for (groupIndex, group) in groups.enumerated() {
                let size = [6, 14, 22][groupIndex] + random.int(in: 0...4)
                for _ in 0..<size {
                    // Executives start the most sceptical; everyone warms as the PMO changes how it works.
                    let mood = random.double(in: -1...1) + lift * 1.2 - (groupIndex == 0 ? 0.4 : 0)
                    let recommend = DemoGenerator.clamp(Int((7.6 + mood * 2.0).rounded()), 0...10)
                    func likert(_ bias: Double) -> Int { DemoGenerator.clamp(Int((3 + mood + bias).rounded()), 1...5) }
                    var answers = [
                        SurveyAnswer(questionKey: "recommend", score: recommend),
                        SurveyAnswer(questionKey: "decisions", score: likert(random.double(in: -0.6...0.4))),
                        SurveyAnswer(questionKey: "insight", score: likert(random.double(in: -0.4...0.6))),
                        SurveyAnswer(questionKey: "burden", score: likert(random.double(in: -1...0.2))),
                    ]
                    if random.chance(0.35) { answers.append(SurveyAnswer(questionKey: "improve", text: random.pick(comments[waveIndex]))) }
                    demo.responses.append(SurveyResponse(waveID: waveID, stakeholderGroup: group, answers: answers))
                }
            }
        }
    }

    private static func makeImprovements(into demo: inout PMOValueDemo, owner: UUID?, today: Day) {
        func item(_ id: UInt64, _ fields: ImprovementItem) {
            demo.improvements.append(Record(id: UUID(uuid: uuidBytes(id)), fields: fields))
        }
        item(1, ImprovementItem(
            title: "Generate the monthly portfolio report from the data", painPoint: "Assembling the report by hand takes a week of PMO time.",
            hypothesis: "If the report is generated from status updates, preparation drops below a day.", metric: "Hours to produce the report",
            before: 40, after: 8, direction: .lowerIsBetter, status: .done, ownerID: owner, startedOn: today.adding(months: -10),
            completedOn: today.adding(months: -7), evidence: "Time sheets for the last three reports; see the KPI trend."))
        item(2, ImprovementItem(
            title: "Weekly decision clinic for escalations", painPoint: "Escalations wait for the monthly steering committee.",
            hypothesis: "If escalations get a weekly 30-minute slot, latency halves.", metric: "Mean decision latency (days)",
            before: 31, after: 16, direction: .lowerIsBetter, status: .done, ownerID: owner, startedOn: today.adding(months: -9),
            completedOn: today.adding(months: -6), evidence: "Decision log: latency of escalation decisions before and after."))
        item(3, ImprovementItem(
            title: "Status update in five fields, not twenty", painPoint: "Owners skip status updates because the form is long.",
            hypothesis: "If the form asks only what the health rules need, on-time submission passes 90 %.", metric: "Status submitted on time (%)",
            before: 71, after: 88, direction: .higherIsBetter, status: .done, ownerID: owner, startedOn: today.adding(months: -6),
            completedOn: today.adding(months: -4), evidence: "Status KPI trend; owner feedback in the second survey wave."))
        item(4, ImprovementItem(
            title: "Benefit owners measure each quarter", painPoint: "Half the benefits have no reading after delivery.",
            hypothesis: "If each benefit has a named owner and a quarterly reminder, 90 % get measured.", metric: "Benefits measured in the quarter (%)",
            before: 52, direction: .higherIsBetter, status: .deliver, ownerID: owner, startedOn: today.adding(months: -2)))
        item(5, ImprovementItem(
            title: "Reference-class forecasts for milestone dates", painPoint: "Forecasts move late and all at once.",
            hypothesis: "If forecasts start from our own slippage history, accuracy rises above 70 %.", metric: "Forecast accuracy (%)",
            direction: .higherIsBetter, status: .define, ownerID: owner))
    }

    private static func makeAssessments(into demo: inout PMOValueDemo, today: Day) {
        let benchmark: [MaturityBenchmark] = [
            .init(dimension: .strategyAlignment, level: 3.1), .init(dimension: .governance, level: 3.3),
            .init(dimension: .portfolioManagement, level: 3.0), .init(dimension: .resourceManagement, level: 2.6),
            .init(dimension: .benefitsManagement, level: 2.4), .init(dimension: .reportingAndInsight, level: 3.2),
            .init(dimension: .peopleAndCapability, level: 2.9),
        ]
        let source = "Peer PMOs in financial services, industry maturity survey 2026"
        let before = [2, 2, 2, 1, 1, 2, 2], after = [3, 3, 3, 2, 2, 4, 3]
        let evidence = [
            "Alignment recorded for every approved initiative.", "Weekly decision clinic; decision latency measured.",
            "One portfolio with scores and dependencies.", "Capacity planned for the four largest pools only.",
            "Baselines and targets set at the business case gate.", "Reports generated from the data; insights lead.",
            "PM community of practice meets monthly.",
        ]
        for (index, (day, levels)) in [(today.adding(months: -11), before), (today.adding(months: -1), after)].enumerated() {
            demo.assessments.append(Record(id: UUID(uuid: uuidBytes(100 + UInt64(index))), fields: MaturityAssessment(
                assessedOn: day, summary: index == 0 ? "Baseline self-assessment at the start of the PMO's reset." : "Year-end self-assessment.",
                ratings: zip(MaturityDimension.allCases, levels).enumerated().map { offset, pair in
                    MaturityRating(dimension: pair.0, level: pair.1, evidence: index == 0 ? "" : evidence[offset])
                },
                benchmarkSource: source, benchmark: benchmark)))
        }
    }

    /// Fixed ids for records a person may bookmark in the demo.
    private static func uuidBytes(_ value: UInt64) -> uuid_t {
        let b = withUnsafeBytes(of: value.bigEndian) { Array($0) }
        return (0x50, 0x4D, 0x4F, 0x56, 0, 0, 0x40, 0, 0x80, 0, b[2], b[3], b[4], b[5], b[6], b[7])
    }
}

extension KPIPortfolio {
    /// The records of a generated demo portfolio.
    public init(demo portfolio: DemoPortfolio) {
        self.init(
            initiatives: portfolio.initiatives, alignments: portfolio.alignments.map(\.fields), milestones: portfolio.milestones,
            forecastChanges: portfolio.forecastChanges, statusUpdates: portfolio.statusUpdates.map(\.fields),
            raidItems: portfolio.raidItems.map(\.fields), decisions: portfolio.decisions.map(\.fields), benefits: portfolio.benefits,
            measurements: portfolio.measurements.map(\.fields))
    }
}
