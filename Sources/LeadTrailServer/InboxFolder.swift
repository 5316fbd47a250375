#if Server
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The folder of `leadtrail serve`'s inbox: one file per delivery answered before its write, named so that the
/// names sort in the order the deliveries arrived, and `failed/` for those that could not be written.
///
/// A file is written in full to a hidden temporary name, flushed to the disk (`fsync`), renamed to its own name and
/// the folder flushed too, before the delivery is answered: a crash at any moment leaves either no file (the sender
/// was not answered, and sends again) or the whole file, never half of one. The folder and its files are its
/// owner's alone (0700, 0600): a submission holds a person's contacts.
final class InboxFolder: Sendable {
    /// Why the folder cannot be used.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let url: URL
    let failedURL: URL
    private let sequence = Atomic<Int>(0)

    /// The folder at `url`, made (with `failed/`) if missing; throws when it cannot be made or written.
    ///
    /// Temporary files a crash left in the middle of their write are removed: their deliveries were never answered.
    init(_ url: URL) throws {
        self.url = url.standardizedFileURL
        failedURL = self.url.appendingPathComponent("failed", isDirectory: true)
        do {
            try FileManager.default.createDirectory(
                at: failedURL, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(description: "cannot make it: \(Self.reason(error))")
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: self.url.path)) ?? [] where name.hasPrefix(".tmp-") {
            unlink(self.url.appendingPathComponent(name).path)
        }
        // A file written and removed now says that deliveries can be kept here, before the server listens.
        let probe = self.url.appendingPathComponent(".tmp-probe-\(getpid())")
        try Self.writeDurably(Array("probe\n".utf8), to: probe)
        unlink(probe.path)
    }

    /// The files waiting, oldest first (their names sort in arrival order).
    var waiting: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
    }

    /// A new file's name: the receive time in microseconds, then a number this process counts up, so that two
    /// deliveries of one microsecond keep their order.
    func name(receivedAt microseconds: Int64) -> String {
        let number = sequence.wrappingAdd(1, ordering: .relaxed).newValue
        let time = String(max(microseconds, 0))
        let count = String(number)
        return String(repeating: "0", count: max(0, 17 - time.count)) + time + "-" + getpidText + "-"
            + String(repeating: "0", count: max(0, 8 - count.count)) + count + ".json"
    }

    private var getpidText: String { String(getpid()) }

    /// Writes `text` as the file `name`, durably (see the type's summary); throws when it could not.
    func keep(_ text: String, as name: String) throws {
        let temporary = url.appendingPathComponent(".tmp-" + name)
        try Self.writeDurably(Array(text.utf8), to: temporary)
        guard rename(temporary.path, url.appendingPathComponent(name).path) == 0 else {
            let failure = Failure(description: "cannot rename \(temporary.lastPathComponent): \(Self.errnoText())")
            unlink(temporary.path)
            throw failure
        }
        try Self.flushFolder(url)
    }

    /// The text of the file `name`.
    func read(_ name: String) throws -> String {
        let data = try Data(contentsOf: url.appendingPathComponent(name))
        return String(decoding: data, as: UTF8.self)
    }

    /// Removes the file `name`, once its delivery is committed. Not flushed: a removal a crash undoes only writes the
    /// delivery again, which finds it written already.
    func remove(_ name: String) {
        unlink(url.appendingPathComponent(name).path)
    }

    /// Moves the file `name` into `failed/`.
    func moveAside(_ name: String) throws {
        guard rename(url.appendingPathComponent(name).path, failedURL.appendingPathComponent(name).path) == 0 else {
            throw Failure(description: "cannot move it into failed/: \(Self.errnoText())")
        }
        try Self.flushFolder(failedURL)
        try Self.flushFolder(url)
    }

    // MARK: The system calls

    private static func writeDurably(_ bytes: [UInt8], to file: URL) throws {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure(description: "cannot write a file in it: \(errnoText())") }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let failure = Failure(description: "cannot write a file in it: \(errnoText())")
                unlink(file.path)
                throw failure
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            let failure = Failure(description: "cannot flush a file in it to the disk: \(errnoText())")
            unlink(file.path)
            throw failure
        }
    }

    /// Flushes a folder's entries (a file renamed into it) to the disk.
    private static func flushFolder(_ folder: URL) throws {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "cannot open it: \(errnoText())") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Failure(description: "cannot flush it to the disk: \(errnoText())") }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)).lowercased() }

    /// Foundation's reason without its type names (`You don’t have permission…` → the system's words).
    private static func reason(_ error: any Error) -> String {
        if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(posix.code))
        {
            return String(cString: strerror(code.rawValue)).lowercased()
        }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteFileExistsError: return "a file of that name is in the way"
            case NSFileWriteOutOfSpaceError: return "no space left on the device"
            case NSFileWriteVolumeReadOnlyError: return "the file system is read-only"
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
#endif
