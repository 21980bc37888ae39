import Dispatch
import Foundation

extension MonteCarloForecast {
    /// The trial loop over flat buffers, run on every core.
    ///
    /// Trials run in blocks; within a block, items run level by level (an item's predecessors sit on
    /// earlier levels), and the items of one level run in parallel. Every (item, block) pair draws
    /// from its own random stream and owns its histogram buckets, so the counts, and with them the
    /// forecast, are the same bit for bit whatever the number of cores or the order work runs in.
    final class TrialRunner: @unchecked Sendable {
        /// One histogram's place in the shared count buffer.
        struct Slot {
            var origin: Int
            var start: Int
            var width: Int
        }

        struct MilestoneDetail {
            var forecast: Int
            var horizon: Double
            var slot: Slot
        }

        let count: Int
        let seed: UInt64
        let forecast: [Int]
        let horizon: [Double]
        let waitsFrom: [Int?]
        let predecessors: [[Int]]
        let pools: [[Double]]
        let classOf: [Int]
        let finishSlots: [Slot]
        let details: [[MilestoneDetail]]

        private let block = MonteCarloForecast.trialBlock
        private let counts: UnsafeMutableBufferPointer<UInt32>
        private let finish: UnsafeMutableBufferPointer<Int32>
        private let push: UnsafeMutableBufferPointer<Int32>
        private let ratioDrawn: UnsafeMutableBufferPointer<Double>

        init(
            seed: UInt64, forecast: [Int], horizon: [Double], waitsFrom: [Int?], predecessors: [[Int]], pools: [[Double]], classOf: [Int],
            finishSlots: [Slot], details: [[MilestoneDetail]], histogramBuckets: Int
        ) {
            count = forecast.count
            self.seed = seed
            self.forecast = forecast
            self.horizon = horizon
            self.waitsFrom = waitsFrom
            self.predecessors = predecessors
            self.pools = pools
            self.classOf = classOf
            self.finishSlots = finishSlots
            self.details = details
            counts = .allocate(capacity: histogramBuckets)
            counts.initialize(repeating: 0)
            finish = .allocate(capacity: count * block)
            finish.initialize(repeating: 0)
            let detailed = details.contains { !$0.isEmpty }
            push = .allocate(capacity: detailed ? count * block : 0)
            push.initialize(repeating: 0)
            ratioDrawn = .allocate(capacity: detailed ? count * block : 0)
            ratioDrawn.initialize(repeating: 0)
        }

        deinit {
            counts.deallocate()
            finish.deallocate()
            push.deallocate()
            ratioDrawn.deallocate()
        }

        /// Runs every trial; `levels` lists the items with all their predecessors on earlier levels.
        func run(trials: Int, levels: [[Int]]) {
            // Below this many draws per level, handing work to other cores costs more than it saves.
            let parallelFrom = 50_000
            var blockStart = 0, blockIndex = 0
            while blockStart < trials {
                let size = min(block, trials - blockStart)
                let currentBlock = blockIndex
                for level in levels {
                    let chunks = level.count * size < parallelFrom ? 1 : min(level.count, ProcessInfo.processInfo.activeProcessorCount * 4)
                    let perChunk = (level.count + chunks - 1) / chunks
                    let simulateChunk: @Sendable (Int) -> Void = { chunk in
                        let end = min(level.count, (chunk + 1) * perChunk)
                        guard chunk * perChunk < end else { return }
                        for position in (chunk * perChunk)..<end { self.simulate(item: level[position], block: currentBlock, size: size) }
                    }
                    if chunks == 1 { simulateChunk(0) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: simulateChunk) }
                }
                blockStart += size
                blockIndex += 1
            }
        }

        /// One item's draws for one block of trials.
        private func simulate(item i: Int, block blockIndex: Int, size: Int) {
            var random = SeededRandom(seed: seed, stream: UInt64(i) << 32 | UInt64(blockIndex))
            let base = i * block
            let pool = pools[classOf[i]]
            let itemHorizon = horizon[i], itemForecast = forecast[i]
            let slot = finishSlots[i]
            let detailed = !details[i].isEmpty
            let waits = waitsFrom[i]
            let waitedOn = waits == nil ? [] : predecessors[i].map { $0 * block }
            for t in 0..<size {
                var shift = 0
                if let start = waits {
                    for other in waitedOn { shift = max(shift, Int(finish[other + t]) + 1 - start) }
                }
                let ratio = pool.isEmpty ? 0 : pool[Int(random.below(UInt64(pool.count)))]
                let value = itemForecast + shift + Int((ratio * itemHorizon).rounded())
                finish[base + t] = Int32(clamping: value)
                counts[slot.start + min(max(value - slot.origin, 0), slot.width - 1)] &+= 1
                if detailed {
                    push[base + t] = Int32(clamping: shift)
                    ratioDrawn[base + t] = ratio
                }
            }
            for detail in details[i] {
                let milestoneSlot = detail.slot
                for t in 0..<size {
                    let value = detail.forecast + Int(push[base + t]) + Int((ratioDrawn[base + t] * detail.horizon).rounded())
                    counts[milestoneSlot.start + min(max(value - milestoneSlot.origin, 0), milestoneSlot.width - 1)] &+= 1
                }
            }
        }

        /// The counts of one histogram once the trials have run.
        func histogram(_ slot: Slot) -> Histogram {
            Histogram(origin: slot.origin, counts: Array(counts[slot.start..<(slot.start + slot.width)]))
        }
    }

    /// Items grouped so that every item's predecessors are on an earlier level. From the first item
    /// on a dependency loop (which validation prevents; `order` puts them last) each item gets a level
    /// of its own, so no level reads a finish that another item of the same level is writing.
    static func levels(count: Int, predecessors: [[Int]], order: [Int]) -> [[Int]] {
        var level = [Int](repeating: -1, count: count)
        var levels: [[Int]] = []
        var onLoop = false
        for item in order {
            let preceding = predecessors[item].map { level[$0] }
            onLoop = onLoop || preceding.contains(-1)
            let placed = onLoop ? levels.count : (preceding.max() ?? -1) + 1
            level[item] = placed
            if placed == levels.count { levels.append([]) }
            levels[placed].append(item)
        }
        return levels
    }
}
