import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Debian's nginx balancing round-robin over app instances on 127.0.0.1, run as the current user
/// with its configuration, pid and logs in a folder of its own.
final class NginxBalancer: @unchecked Sendable {
    static let executable = "/usr/sbin/nginx"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    let port: Int
    let folder: URL
    private let process = Process()

    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(upstreamPorts: [Int], folder: URL) async throws {
        port = try ServerProcess.freePort()
        self.folder = folder
        let configuration = folder.appendingPathComponent("nginx.conf")
        try Self.configuration(port: port, upstreamPorts: upstreamPorts, folder: folder.path)
            .write(to: configuration, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: Self.executable)
        // `-e` before the configuration is read, so nginx never touches /var/log/nginx.
        process.arguments = ["-c", configuration.path, "-p", folder.path, "-e", folder.appendingPathComponent("error.log").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try await waitUntilListening()
    }

    static func configuration(port: Int, upstreamPorts: [Int], folder: String) -> String {
        // nginx started by root would hand its workers to `nobody`; keep them as whoever runs the test.
        let user = geteuid() == 0 ? "user root;" : ""
        return """
        \(user)
        daemon off;
        worker_processes 1;
        pid \(folder)/nginx.pid;
        error_log \(folder)/error.log warn;
        events { worker_connections 256; }
        http {
            access_log \(folder)/access.log;
            client_body_temp_path \(folder)/client_body;
            proxy_temp_path \(folder)/proxy;
            fastcgi_temp_path \(folder)/fastcgi;
            uwsgi_temp_path \(folder)/uwsgi;
            scgi_temp_path \(folder)/scgi;
            upstream lodestar {
        \(upstreamPorts.map { "        server 127.0.0.1:\($0);" }.joined(separator: "\n"))
                keepalive 8;
            }
            server {
                listen 127.0.0.1:\(port);
                location / {
                    proxy_pass http://lodestar;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $remote_addr;
                }
            }
        }
        """
    }

    private func waitUntilListening() async throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            guard process.isRunning else { throw SubprocessFailure(description: "nginx ended at start: \(errorLog)") }
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: "\(baseURL)/health")!),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        stop()
        throw SubprocessFailure(description: "nginx did not pass /health through within 20 s: \(errorLog)")
    }

    var errorLog: String { (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? "" }

    /// Stops it by its pid (SIGQUIT: graceful) and waits for it to end.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGQUIT)
        process.waitUntilExit()
    }
}
