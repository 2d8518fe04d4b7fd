#pragma once

#include "model/routectl/RouteCtl.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <sstream>
#include <string>
#include <vector>

// routectl run in-process, and a scratch directory, for the routectl test files.

namespace rd::test {

struct Outcome
{
    int code = -1;
    std::string out;
    std::string err;
};

inline Outcome routectl(const std::vector<std::string> &args, const std::string &stdinText = {})
{
    std::istringstream in(stdinText);
    std::ostringstream out;
    std::ostringstream err;
    Outcome o;
    o.code = rd::routectl::run(args, in, out, err);
    o.out = out.str();
    o.err = err.str();
    return o;
}

inline bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

inline std::string readText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A fresh directory per test for generated inputs, removed afterwards.
class TempDir
{
public:
    TempDir()
    {
        const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::random_device entropy;
        m_path = std::filesystem::temp_directory_path() / ("routectl-" + std::string(info->name()) + "-" +
                                                           std::to_string(entropy()) + std::to_string(entropy()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;

    std::string write(const std::string &name, const std::string &content) const
    {
        const std::filesystem::path p = m_path / name;
        std::ofstream(p, std::ios::binary) << content;
        return p.string();
    }

private:
    std::filesystem::path m_path;
};

} // namespace rd::test
