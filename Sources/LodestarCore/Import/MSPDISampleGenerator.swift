import Foundation

/// Writes a plausible MS Project XML plan of any size, shaped like what MS Project saves (phases of
/// tasks with links, milestones, work resources, assignments with timephased data): the benchmark
/// fixture and the test data for large files.
public enum MSPDISampleGenerator {
    public static func xml(tasks count: Int, resources resourceCount: Int = 25, start: Day = Day(year: 2027, month: 1, day: 4)!) -> String {
        let phaseSize = 50
        var tasks = "", assignments = ""
        var day = start
        var uid = 1, assignmentUID = 1
        func stamp(_ day: Day, _ hour: Int) -> String { "\(day)T\(hour < 10 ? "0" : "")\(hour):00:00" }
        var phaseUID = 0
        var phaseStart = start
        var phaseLines: [String] = []
        func closePhase(until end: Day) {
            guard phaseUID > 0 else { return }
            tasks += """
                <Task><UID>\(phaseUID)</UID><ID>\(phaseUID)</ID><Name>Phase \(phaseUID)</Name><OutlineNumber>\(phaseUID)</OutlineNumber>\
                <OutlineLevel>1</OutlineLevel><Summary>1</Summary><Milestone>0</Milestone><Start>\(stamp(phaseStart, 8))</Start>\
                <Finish>\(stamp(end, 17))</Finish><PercentComplete>0</PercentComplete></Task>

                """
            tasks += phaseLines.joined()
            phaseLines = []
        }
        var previous: Int?
        var last = start
        var latest = start
        while uid <= count {
            if (uid - 1) % phaseSize == 0 {
                closePhase(until: last)
                // Phases run side by side, a fortnight apart, as the streams of a real programme do.
                let phaseIndex = (uid - 1) / phaseSize
                day = start.adding(days: (phaseIndex % 50) * 14)
                previous = nil
                phaseUID = uid
                phaseStart = day
                uid += 1
                continue
            }
            let isMilestone = uid % 25 == 0
            let length = isMilestone ? 0 : 1 + uid % 5
            let finish = day.adding(days: max(length - 1, 0))
            let done = finish < start.adding(days: 60) ? 100 : 0
            let link = previous.map { "<PredecessorLink><PredecessorUID>\($0)</PredecessorUID><Type>1</Type><LinkLag>0</LinkLag><LagFormat>7</LagFormat></PredecessorLink>" } ?? ""
            let hours = length * 8
            phaseLines.append("""
                <Task><UID>\(uid)</UID><ID>\(uid)</ID><Name>Task \(uid)</Name><OutlineNumber>\(phaseUID).\(uid)</OutlineNumber>\
                <OutlineLevel>2</OutlineLevel><Summary>0</Summary><Milestone>\(isMilestone ? 1 : 0)</Milestone>\
                <Start>\(stamp(day, 8))</Start><Finish>\(stamp(finish, isMilestone ? 8 : 17))</Finish>\
                <Duration>PT\(hours)H0M0S</Duration><Work>PT\(hours)H0M0S</Work><PercentComplete>\(done)</PercentComplete>\
                <ActualFinish>\(done == 100 ? stamp(finish, 17) : "")</ActualFinish>\(link)\
                <Baseline><Number>0</Number><Start>\(stamp(day, 8))</Start><Finish>\(stamp(finish, 17))</Finish></Baseline></Task>

                """)
            if !isMilestone {
                assignments += """
                    <Assignment><UID>\(assignmentUID)</UID><TaskUID>\(uid)</TaskUID><ResourceUID>\(1 + uid % resourceCount)</ResourceUID>\
                    <Work>PT\(hours)H0M0S</Work><Start>\(stamp(day, 8))</Start><Finish>\(stamp(finish, 17))</Finish><Units>1</Units>\
                    <TimephasedData><Type>1</Type><UID>\(assignmentUID)</UID><Start>\(stamp(day, 8))</Start><Finish>\(stamp(finish, 17))</Finish>\
                    <Unit>2</Unit><Value>PT\(hours)H0M0S</Value></TimephasedData></Assignment>

                    """
                assignmentUID += 1
            }
            previous = uid
            last = finish
            latest = max(latest, finish)
            day = finish.adding(days: uid % 3 == 0 ? 1 : 0)
            uid += 1
        }
        closePhase(until: last)
        var resources = "<Resource><UID>0</UID><ID>0</ID><Type>1</Type><IsNull>0</IsNull></Resource>\n"
        for index in 1...max(resourceCount, 1) {
            resources += "<Resource><UID>\(index)</UID><ID>\(index)</ID><Name>Role \(index)</Name><Type>1</Type><IsNull>0</IsNull><StandardRate>\(40 + index)</StandardRate><StandardRateFormat>2</StandardRateFormat></Resource>\n"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Project xmlns="http://schemas.microsoft.com/project">
            <SaveVersion>14</SaveVersion><Name>Generated \(count).xml</Name><Title>Generated plan of \(count) tasks</Title>\
            <StartDate>\(stamp(start, 8))</StartDate><FinishDate>\(stamp(latest, 17))</FinishDate>
            <Tasks>
            <Task><UID>0</UID><ID>0</ID><Name>Generated plan</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary>\
            <Start>\(stamp(start, 8))</Start><Finish>\(stamp(latest, 17))</Finish><PercentComplete>10</PercentComplete></Task>
            \(tasks)</Tasks>
            <Resources>
            \(resources)</Resources>
            <Assignments>
            \(assignments)</Assignments>
            </Project>

            """
    }
}
