#pragma once

#include "model/Decoded.h"
#include "model/Json.h"
#include "model/PageInfo.h"

#include <string>
#include <string_view>
#include <vector>

namespace rd {

// One page of a list response, decoded item by item. One bad item fails the page, naming the item.
template <class T>
struct ListPage
{
    std::vector<T> items;
    PageInfo info;

    // `decodeOne(json, path)` returns Decoded<T>.
    template <class DecodeOne>
    static Decoded<ListPage> decode(const Json &array, PageInfo info, std::string_view path, DecodeOne decodeOne)
    {
        if (!array.is_array()) {
            return Decoded<ListPage>::failure(
                {std::string(path), "expected an array, got " + std::string(array.type_name())});
        }
        ListPage page;
        page.info = std::move(info);
        page.items.reserve(array.size());
        std::vector<DecodeIssue> warnings;
        for (std::size_t i = 0; i < array.size(); ++i) {
            auto item = decodeOne(array[i], std::string(path) + "[" + std::to_string(i) + "]");
            warnings.insert(warnings.end(), item.warnings.begin(), item.warnings.end());
            if (!item) {
                return Decoded<ListPage>::failure(std::move(*item.error), std::move(warnings));
            }
            page.items.push_back(std::move(*item.value));
        }
        return Decoded<ListPage>::success(std::move(page), std::move(warnings));
    }
};

} // namespace rd
